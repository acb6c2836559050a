using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>Acceptance scenario 3 ("terminated") at the API level: restartPolicy Never with exit 0 and exit 1.</summary>
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
}
