using k8s;
using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// Acceptance scenario 3 ("terminated") at the API level: restartPolicy Never with exit 0 and exit 1; and a pod that
/// outlives its activeDeadlineSeconds.
/// </summary>
public sealed class TerminationScenarioTests
{
    [Fact]
    public async Task A_never_restarted_container_that_exits_0_leaves_the_pod_Succeeded_and_Completed()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("done", NodeHarness.Shell("main", "echo hi; exit 0"));
        pod.Spec.RestartPolicy = "Never";
        await h.RunAsync(pod);

        var done = await h.UntilAsync("done", p => p.Status?.Phase == PodPhase.Succeeded);

        var state = done.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Completed", 0), (state.Reason, state.ExitCode));
        var ready = done.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "PodCompleted"), (ready.Status, ready.Reason));
        Assert.Equal("Completed", (await h.RowAsync("done")).Status);
        Assert.Equal("0/1", (await h.RowAsync("done")).Ready);
        Assert.Equal("hi\n", await h.Agent.Logs.ReadAsync(new("default", "done", "main"), NodeHarness.Token));
        // kubelet terminates a finished pod as a deleted one: its sandbox is stopped, its IP stays in the status.
        var stopped = await h.UntilAsync("done", p => p.Status.Conditions.Single(c => c.Type == "PodReadyToStartContainers").Status == "False",
            what: "PodReadyToStartContainers False");
        Assert.Equal((PodPhase.Succeeded, done.Status.PodIP), (stopped.Status.Phase, stopped.Status.PodIP));
        Assert.NotNull(stopped.Status.PodIP);
        // A later sync (a label changed) leaves it so.
        await h.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("{\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}", V1Patch.PatchType.MergePatch),
            "done", "default", cancellationToken: NodeHarness.Token);
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => h.UntilAsync("done",
            p => p.Status.Conditions.Single(c => c.Type == "PodReadyToStartContainers").Status != "False", maxSeconds: 30));
    }

    [Fact]
    public async Task A_never_restarted_container_that_exits_1_leaves_the_pod_Failed_with_Error()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("broken", NodeHarness.Shell("main", "exit 1"));
        pod.Spec.RestartPolicy = "Never";
        await h.RunAsync(pod);

        var failed = await h.UntilAsync("broken", p => p.Status?.Phase == PodPhase.Failed);

        var state = failed.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Error", 1), (state.Reason, state.ExitCode));
        Assert.Equal("Error", (await h.RowAsync("broken")).Status);
        var events = (await h.EventsAsync("broken")).Select(e => e.Reason).ToList();
        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], events);
    }

    [Fact]
    public async Task A_pod_past_its_active_deadline_is_Failed_with_DeadlineExceeded_while_its_container_still_stops()
    {
        await using var h = await NodeHarness.StartAsync();
        // sleep as PID 1 has no SIGTERM handler: it stops only at the SIGKILL that ends the 30-s grace period.
        var pod = NodeHarness.Pod("late", new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "3600"] });
        pod.Spec.ActiveDeadlineSeconds = 5;
        await h.RunAsync(pod);
        await h.UntilAsync("late", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null);

        // kubelet's active-deadline handler (ShouldEvict) makes the phase Failed in the sync that finds the deadline
        // passed; the containers are stopped after that, within their grace period.
        var failed = await h.UntilAsync("late", p => p.Status?.Phase == PodPhase.Failed);
        Assert.Equal(("DeadlineExceeded", "Pod was active on the node longer than the specified deadline"), (failed.Status.Reason, failed.Status.Message));
        Assert.NotNull(failed.Status.ContainerStatuses.Single().State.Running);
        var ready = failed.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "PodFailed"), (ready.Status, ready.Reason));
        // The container still runs, and with no readiness probe a running container is ready (prober_manager.go
        // UpdatePodStatus): kubectl shows 1/1 DeadlineExceeded until it stops.
        var row = await h.RowAsync("late");
        Assert.Equal(("1/1", "DeadlineExceeded"), (row.Ready, row.Status));

        var stopped = await h.UntilAsync("late", p => p.Status.ContainerStatuses.Single().State.Terminated is not null);
        var state = stopped.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Error", 137), (state.Reason, state.ExitCode));
        Assert.Equal((PodPhase.Failed, "DeadlineExceeded"), (stopped.Status.Phase, stopped.Status.Reason));
        // kubectl's STATUS takes the container's reason over the pod's once the container has one.
        Assert.Equal("Error", (await h.RowAsync("late")).Status);
        var events = (await h.EventsAsync("late")).Select(e => e.Reason).ToList();
        Assert.Equal(["Pulling", "Pulled", "Created", "Started", "DeadlineExceeded", "Killing"], events);
    }
}
