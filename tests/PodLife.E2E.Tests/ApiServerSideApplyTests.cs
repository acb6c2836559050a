using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>`kubectl apply --server-side`: field managers, conflicts and --force-conflicts against `podlife server`.</summary>
public sealed class ApiServerSideApplyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    PodlifeServerProcess Server => fixture.Server;

    static string Pod(string ns, string app, string image = "busybox:1.36") =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: {ns}\n  labels:\n    app: {app}\nspec:\n  containers:\n  - name: main\n    image: {image}\n";

    async Task<string> NamespaceAsync()
    {
        var ns = "ssa-" + Guid.NewGuid().ToString("N")[..8];
        Ok(await Server.KubectlAsync("create", "namespace", ns));
        return ns;
    }

    [Fact]
    public async Task ServerSideApplyCreatesThenUpdatesAndRecordsItsManager()
    {
        var ns = await NamespaceAsync();
        Assert.Equal("pod/web serverside-applied\n", Ok(await Server.KubectlWithInputAsync(Pod(ns, "web"), "apply", "--server-side", "-f", "-")).StdOut);
        Assert.Equal("pod/web serverside-applied\n", Ok(await Server.KubectlWithInputAsync(Pod(ns, "shop"), "apply", "--server-side", "-f", "-")).StdOut);
        var fields = Ok(await Server.KubectlAsync("get", "pod", "web", "-n", ns, "--show-managed-fields", "-o",
            "jsonpath={.metadata.labels.app} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}")).StdOut;
        Assert.Equal("shop kubectl Apply", fields);
    }

    [Fact]
    public async Task AnotherManagerConflictsUntilItForcesTheChange()
    {
        var ns = await NamespaceAsync();
        Ok(await Server.KubectlWithInputAsync(Pod(ns, "web"), "apply", "--server-side", "-f", "-"));

        var conflict = await Server.KubectlWithInputAsync(Pod(ns, "api"), "apply", "--server-side", "--field-manager=deployer", "-f", "-");
        Assert.Equal(1, conflict.ExitCode);
        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"kubectl\": .metadata.labels.app\n", conflict.StdErr, StringComparison.Ordinal);

        Ok(await Server.KubectlWithInputAsync(Pod(ns, "api"), "apply", "--server-side", "--field-manager=deployer", "--force-conflicts", "-f", "-"));
        Assert.Equal("api", Ok(await Server.KubectlAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.labels.app}")).StdOut);
        // The same value applied by both managers is no conflict.
        Ok(await Server.KubectlWithInputAsync(Pod(ns, "api"), "apply", "--server-side", "-f", "-"));
    }
}
