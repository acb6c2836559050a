using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// `kubectl debug` against `podlife up`: pods/ephemeralcontainers adds a debug container to a running pod, the node starts
/// it beside the others (never restarting it) and kubectl attaches to it.
/// </summary>
public sealed class DebugTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    async Task RunningAsync(string pod)
    {
        Ok(await Cluster.KubectlAsync("run", pod, "--image=busybox:1.36", "--", "sleep", "3600"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=60s"));
    }

    [Fact]
    public async Task KubectlDebugDashItGivesAShellInAnEphemeralContainerOfThePod()
    {
        await RunningAsync("box");

        // kubectl runs under a pseudo-terminal (util-linux script); what it shows is what the debug container's terminal echoes.
        var r = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl debug -it box --image=busybox:1.36 --target=box -c dbg", "/dev/null"],
            Cluster.Environment(), "echo hi-$HOSTNAME\nexit 2\n", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(0, r.ExitCode); // kubectl debug does not pass the exit code on
        Assert.Contains("hi-box\r\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Session ended, the ephemeral container will not be restarted", r.StdOut, StringComparison.Ordinal);
        Ok(await Cluster.KubectlAsync("wait", "--for=jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.exitCode}=2", "pod/box", "--timeout=60s"));
        var status = Ok(await Cluster.KubectlAsync("get", "pod", "box", "-o",
            "jsonpath={.spec.ephemeralContainers[0].targetContainerName} {.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].ready} {.status.ephemeralContainerStatuses[0].state.terminated.exitCode} {.status.phase}"));
        Assert.Equal("box dbg false 2 Running", status.StdOut);
        var events = Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.fieldPath=spec.ephemeralContainers{dbg}",
            "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}"));
        Assert.Contains("Started: Started container dbg\n", events.StdOut, StringComparison.Ordinal);
        Assert.Contains("Ephemeral Containers:\n  dbg:\n", Ok(await Cluster.KubectlAsync("describe", "pod", "box")).StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADebugContainerWithACommandRunsItAndItsLogIsThePods()
    {
        await RunningAsync("quiet");

        Ok(await Cluster.KubectlAsync("debug", "quiet", "--image=busybox:1.36", "-c", "once", "--", "sh", "-c", "echo from-debug; exit 0"));
        Ok(await Cluster.KubectlAsync("wait", "--for=jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.reason}=Completed", "pod/quiet", "--timeout=60s"));

        Assert.Equal("from-debug\n", Ok(await Cluster.KubectlAsync("logs", "quiet", "-c", "once")).StdOut);
        // Never restarted, and the pod goes on as before.
        var pod = Ok(await Cluster.KubectlAsync("get", "pod", "quiet", "-o", "jsonpath={.status.ephemeralContainerStatuses[0].restartCount} {.status.phase} {.status.containerStatuses[0].ready}"));
        Assert.Equal("0 Running true", pod.StdOut);
    }

    [Fact]
    public async Task EphemeralContainersMayNotBeRemovedChangedOrSetOnCreate()
    {
        await RunningAsync("fixed");
        Ok(await Cluster.KubectlAsync("debug", "fixed", "--image=busybox:1.36", "-c", "kept", "--", "true"));
        using var client = Cluster.Client();
        var ct = TestContext.Current.CancellationToken;

        var pod = await client.CoreV1.ReadNamespacedPodEphemeralcontainersAsync("fixed", "default", cancellationToken: ct);
        pod.Spec.EphemeralContainers.Clear();
        var removed = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedPodEphemeralcontainersAsync(pod, "fixed", "default", cancellationToken: ct));
        Assert.Equal(422, (int)removed.Response.StatusCode);
        Assert.Contains("spec.ephemeralContainers: Forbidden: existing ephemeral containers \\\"kept\\\" may not be removed", removed.Response.Content, StringComparison.Ordinal);

        var forbidden = await Cluster.KubectlWithInputAsync("""
            {"spec":{"ephemeralContainers":[{"name":"kept","image":"busybox:1.36"},{"name":"web","image":"busybox:1.36","ports":[{"containerPort":80}]}]}}
            """, "patch", "pod", "fixed", "--subresource=ephemeralcontainers", "--type=strategic", "--patch-file=/dev/stdin");
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Contains("spec.ephemeralContainers[1].ports: Forbidden: cannot be set for an Ephemeral Container", forbidden.StdErr, StringComparison.Ordinal);

        var created = await Cluster.KubectlWithInputAsync("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"early"},"spec":{"containers":[{"name":"a","image":"busybox:1.36"}],"ephemeralContainers":[{"name":"d","image":"busybox:1.36"}]}}
            """, "create", "-f", "-");
        Assert.Contains("spec.ephemeralContainers: Forbidden: cannot be set on create", created.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlDebugOfANodeRunsAShellInAPodOnIt()
    {
        // A pod on the node's network; what is typed runs as the shell's commands (ps, which the simulation does not act
        // out, returns at once).
        var r = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl debug node/podlife-node-1 -it --image=busybox:1.36", "/dev/null"],
            Cluster.Environment(), "ps; echo on-$HOSTNAME\nexit 0\n", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Creating debugging pod node-debugger-podlife-node-1-", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("on-podlife-node-1\r\n", r.StdOut, StringComparison.Ordinal); // the node's hostname: hostNetwork
    }

    [Fact]
    public async Task DiscoveryListsPodsEphemeralcontainers()
    {
        var r = Ok(await Cluster.KubectlAsync("get", "--raw", "/api/v1"));
        Assert.Contains("{\"name\":\"pods/ephemeralcontainers\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"get\",\"patch\",\"update\"]}", r.StdOut);
    }
}
