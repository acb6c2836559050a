using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>Clients other than kubectl get/apply: `kubectl edit` with an editor script, and Python's official client.</summary>
public sealed class ApiClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    PodlifeServerProcess Server => fixture.Server;

    [Fact]
    public async Task KubectlEditSavesWhatTheEditorChanged()
    {
        var ns = "edit-" + Guid.NewGuid().ToString("N")[..8];
        Ok(await Server.KubectlAsync("create", "namespace", ns));
        Ok(await Server.KubectlAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=slow"));
        var editor = Path.Combine(Server.DataDir, $"editor-{ns}.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/mode: slow/mode: fast/' \"$1\"\n", TestContext.Current.CancellationToken);

        var env = Server.Environment();
        env["KUBE_EDITOR"] = $"sh {editor}"; // an editor with arguments runs through the shell, as kubectl does
        var edit = Ok(await ProcessRunner.RunAsync("kubectl", ["edit", "configmap", "settings", "-n", ns], env, null, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal("configmap/settings edited\n", edit.StdOut);
        Assert.Equal("fast", Ok(await Server.KubectlAsync("get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode}")).StdOut);
    }

    const string PythonScript = """
        import sys
        from kubernetes import client, config, watch
        config.load_kube_config(config_file=sys.argv[1])
        v1 = client.CoreV1Api()
        ns = sys.argv[2]
        v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
        pod = client.V1Pod(metadata=client.V1ObjectMeta(name="py", labels={"from": "python"}),
                           spec=client.V1PodSpec(containers=[client.V1Container(name="main", image="busybox:1.36")]))
        created = v1.create_namespaced_pod(ns, pod)
        print("created", created.metadata.name, created.status.phase, created.status.qos_class)
        print("listed", [p.metadata.name for p in v1.list_namespaced_pod(ns, label_selector="from=python").items])
        rv = v1.list_namespaced_pod(ns).metadata.resource_version
        v1.patch_namespaced_pod("py", ns, {"metadata": {"labels": {"step": "two"}}})
        for event in watch.Watch().stream(v1.list_namespaced_pod, ns, resource_version=rv, timeout_seconds=10):
            print("watched", event["type"], event["object"].metadata.labels.get("step"))
            break
        v1.delete_namespaced_pod("py", ns)
        print("after delete", [p.metadata.name for p in v1.list_namespaced_pod(ns).items])
        """;

    [Fact]
    public async Task PythonsOfficialClientCreatesListsWatchesAndDeletesPods()
    {
        var ns = "py-" + Guid.NewGuid().ToString("N")[..8];
        var script = Path.Combine(Server.DataDir, $"client-{ns}.py");
        await File.WriteAllTextAsync(script, PythonScript, TestContext.Current.CancellationToken);
        // Debian's python3-kubernetes (scripts/install-test-deps.sh), not whichever python3 comes first on PATH.
        var run = Ok(await ProcessRunner.RunAsync("/usr/bin/python3", [script, Server.KubeconfigPath, ns], Server.Environment(), null, TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        Assert.Matches(new Regex(@"^created py Pending BestEffort\nlisted \['py'\]\nwatched MODIFIED two\nafter delete \[\]\n$"), run.StdOut);
    }
}
