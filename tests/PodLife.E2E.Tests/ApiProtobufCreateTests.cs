using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>The `kubectl create` commands that send protobuf bodies (namespace, configmap, secret, serviceaccount).</summary>
public sealed class ApiProtobufCreateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    PodlifeServerProcess Server => fixture.Server;

    [Fact]
    public async Task KubectlCreatesANamespaceAndObjectsInItFromProtobufBodies()
    {
        var ns = "proto-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal($"namespace/{ns} created\n", Ok(await Server.KubectlAsync("create", "namespace", ns)).StdOut);
        Assert.Equal("configmap/settings created\n",
            Ok(await Server.KubectlAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=fast", "--from-literal=size=3")).StdOut);
        Assert.Equal("secret/login created\n",
            Ok(await Server.KubectlAsync("create", "secret", "generic", "login", "-n", ns, "--from-literal=user=ada")).StdOut);
        Assert.Equal("secret/pull created\n", Ok(await Server.KubectlAsync("create", "secret", "docker-registry", "pull", "-n", ns,
            "--docker-server=registry.local", "--docker-username=u", "--docker-password=p")).StdOut);
        Assert.Equal("serviceaccount/robot created\n", Ok(await Server.KubectlAsync("create", "serviceaccount", "robot", "-n", ns)).StdOut);

        Assert.Equal("fast 3", Ok(await Server.KubectlAsync("get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode} {.data.size}")).StdOut);
        Assert.Equal("YWRh", Ok(await Server.KubectlAsync("get", "secret", "login", "-n", ns, "-o", "jsonpath={.data.user}")).StdOut);
        Assert.Equal("kubernetes.io/dockerconfigjson",
            Ok(await Server.KubectlAsync("get", "secret", "pull", "-n", ns, "-o", "jsonpath={.type}")).StdOut);
        Assert.Matches(new Regex(@"^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+\d+s\nrobot\s+0\s+\d+s\n$"), Ok(await Server.KubectlAsync("get", "sa", "-n", ns)).StdOut);
        Assert.Equal("Active", Ok(await Server.KubectlAsync("get", "ns", ns, "-o", "jsonpath={.status.phase}")).StdOut);
    }

    [Fact]
    public async Task CreatingAnExistingNamespaceAgainPrintsAlreadyExists()
    {
        var ns = "proto-" + Guid.NewGuid().ToString("N")[..8];
        Ok(await Server.KubectlAsync("create", "namespace", ns));
        var again = await Server.KubectlAsync("create", "namespace", ns);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal($"Error from server (AlreadyExists): namespaces \"{ns}\" already exists\n", again.StdErr);
    }
}
