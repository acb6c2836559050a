using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A node that restarts with its runtime's containers gone (a restarted <c>podlife up</c>; a rebooted node whose
/// runtime kept nothing): kubelet starts from the statuses the API has (kubelet_pods.go convertToAPIContainerStatuses)
/// and recovers the attempt numbers from the earlier instances' log files.
/// </summary>
public sealed class NodeRestartScenarioTests
{
    [Fact]
    public async Task A_completed_pod_stays_Completed_a_running_one_counts_a_restart_and_a_crashing_ones_count_goes_on()
    {
        await using var h = await NodeHarness.StartAsync();
        var done = NodeHarness.Pod("done", NodeHarness.Shell("main", "echo hi"));
        done.Spec.RestartPolicy = "Never";
        await h.RunAsync(done);
        await h.RunAsync(NodeHarness.Pod("web", NodeHarness.Shell("main", "while true; do sleep 1; done")));
        await h.RunAsync(NodeHarness.Pod("crash", NodeHarness.Shell("main", "exit 1")));
        await h.UntilAsync("done", p => p.Status?.Phase == PodPhase.Succeeded);
        await h.UntilAsync("web", p => p.Status?.ContainerStatuses?.Single().Ready == true);
        var crashed = await h.UntilAsync("crash", p => p.Status?.ContainerStatuses?.Single().RestartCount >= 2);
        var crashRestarts = crashed.Status.ContainerStatuses.Single().RestartCount;
        var doneBefore = (await h.GetAsync("done")).Status.ContainerStatuses.Single();

        await h.RestartNodeAsync();

        // The container that was Running is gone: it waits to be created again, its end unknown, counted as a restart;
        // the pod stays Running (a container with a last termination counts as stopped, not as waiting).
        var creating = await h.UntilAsync("web", p => p.Status.ContainerStatuses.Single().State.Waiting?.Reason == "ContainerCreating");
        var web = creating.Status.ContainerStatuses.Single();
        Assert.Equal(("ContainerStatusUnknown", 137), (web.LastState.Terminated.Reason, web.LastState.Terminated.ExitCode));
        Assert.Equal("The container could not be located when the pod was deleted.  The container used to be Running", web.LastState.Terminated.Message);
        Assert.Equal((1, PodPhase.Running), (web.RestartCount, creating.Status.Phase));
        var running = await h.UntilAsync("web", p => p.Status.ContainerStatuses.Single().State.Running is not null);
        Assert.Equal(1, running.Status.ContainerStatuses.Single().RestartCount);
        Assert.Equal(("1/1", "Running"), ((await h.RowAsync("web")).Ready, (await h.RowAsync("web")).Status));

        // A crashing container's count goes on from where it was instead of starting over at 0: the new node's first
        // instance is the next attempt (the back-off went with the old node, so it restarts at once).
        await h.UntilAsync("crash", p => p.Status.ContainerStatuses.Single().RestartCount > crashRestarts);
        var sandbox = (await h.Runtime.ListPodSandboxesAsync(NodeHarness.Token)).Single(s => s.Config.Name == "crash");
        var attempts = (await h.Runtime.ListContainersAsync(sandbox.Id, NodeHarness.Token)).Select(c => c.Config.Attempt).ToList();
        Assert.Equal(crashRestarts + 1, attempts.Min());

        // A pod in a terminal phase is not run again and keeps its container's status.
        var after = await h.GetAsync("done");
        Assert.Equal(PodPhase.Succeeded, after.Status.Phase);
        var status = after.Status.ContainerStatuses.Single();
        Assert.True(status.State.Terminated is not null, k8s.KubernetesJson.Serialize(after.Status));
        Assert.Equal((doneBefore.ContainerID, "Completed", 0, 0), (status.ContainerID, status.State.Terminated.Reason, status.State.Terminated.ExitCode, status.RestartCount));
        Assert.Equal("Completed", (await h.RowAsync("done")).Status);
        Assert.Single(await h.EventsAsync("done"), e => e.Reason == "Started");
    }
}
