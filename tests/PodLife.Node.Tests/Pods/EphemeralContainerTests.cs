using k8s;
using k8s.Models;
using PodLife.Node.Tests.Agent;

namespace PodLife.Node.Tests.Pods;

/// <summary>Ephemeral containers (`kubectl debug`) on a simulated node: started once beside the pod's containers, never restarted.</summary>
public sealed class EphemeralContainerTests
{
    static V1Patch Debugger(string name, string? target, string script) => new(KubernetesJson.Serialize(new
    {
        spec = new
        {
            ephemeralContainers = new[]
            {
                new V1EphemeralContainer { Name = name, Image = "busybox:1.36", Command = ["sh", "-c", script], TargetContainerName = target },
            },
        },
    }), V1Patch.PatchType.StrategicMergePatch);

    static V1ContainerStatus? Status(V1Pod pod, string name) => pod.Status?.EphemeralContainerStatuses?.FirstOrDefault(s => s.Name == name);

    [Fact]
    public async Task AnAddedDebugContainerRunsOnceAndNeverCountsForThePod()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("app", NodeHarness.Shell("main", "sleep 3600")));
        await h.UntilAsync("app", p => p.Status?.Phase == "Running", what: "Running");

        await h.Client.CoreV1.PatchNamespacedPodEphemeralcontainersAsync(Debugger("dbg", "main", "echo hi; exit 3"), "app", "default", cancellationToken: NodeHarness.Token);
        var done = await h.UntilAsync("app", p => Status(p, "dbg")?.State?.Terminated is not null, what: "debugger terminated");

        var dbg = Status(done, "dbg")!;
        Assert.Equal((3, "Error", 0, false), (dbg.State.Terminated.ExitCode, dbg.State.Terminated.Reason, dbg.RestartCount, dbg.Ready));
        Assert.Null(dbg.Started);
        Assert.Equal(("Running", "True"), (done.Status.Phase, done.Status.Conditions.Single(c => c.Type == "Ready").Status));
        var events = await h.EventsAsync("app");
        Assert.Contains(events, e => e.Reason == "Started" && e.InvolvedObject.FieldPath == "spec.ephemeralContainers{dbg}");

        // Not restarted: past the worker's resync (a minute and more) it is still the one terminated instance.
        var later = h.Now.AddSeconds(100);
        var after = await h.UntilAsync("app", _ => h.Now >= later, maxSeconds: 200, what: "100 s later");
        Assert.Equal((0, 3), (Status(after, "dbg")!.RestartCount, Status(after, "dbg")!.State.Terminated.ExitCode));
    }

    [Fact]
    public async Task ATargetThatIsNotRunningHoldsItInCreateContainerConfigError()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("init", NodeHarness.Shell("main", "sleep 3600"));
        pod.Spec.InitContainers = [NodeHarness.Shell("setup", "true")];
        await h.RunAsync(pod);
        await h.UntilAsync("init", p => p.Status?.Phase == "Running", what: "Running");

        await h.Client.CoreV1.PatchNamespacedPodEphemeralcontainersAsync(Debugger("dbg", "setup", "true"), "init", "default", cancellationToken: NodeHarness.Token);
        var held = await h.UntilAsync("init", p => Status(p, "dbg")?.State?.Waiting?.Reason == "CreateContainerConfigError", what: "config error");

        Assert.Equal("unable to find target container setup", Status(held, "dbg")!.State.Waiting.Message);
    }
}
