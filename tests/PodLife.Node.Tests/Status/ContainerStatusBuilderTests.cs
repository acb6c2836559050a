using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Node.Runtime;
using PodLife.Node.Status;
using RuntimeState = PodLife.Node.Runtime.ContainerState;

namespace PodLife.Node.Tests.Status;

/// <summary>Container statuses from runtime instances (kubelet_pods.go convertToAPIContainerStatuses).</summary>
public sealed class ContainerStatusBuilderTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    static readonly V1Container Main = new() { Name = "main", Image = "busybox:1.36" };

    static Node.Runtime.ContainerStatus Instance(int attempt, RuntimeState state, int exitCode = 0, string reason = "") => new(
        new string((char)('a' + attempt), 64), "sandbox", new ContainerConfig("main", attempt, "busybox:1.36", [], []), state,
        T0.AddSeconds(attempt * 10), T0.AddSeconds(attempt * 10 + 1), state == RuntimeState.Exited ? T0.AddSeconds(attempt * 10 + 2) : null,
        exitCode, reason, "", "docker.io/library/busybox:1.36", "docker.io/library/busybox@sha256:" + new string('0', 64));

    [Fact]
    public void Before_any_instance_a_container_waits_in_ContainerCreating_or_PodInitializing()
    {
        Assert.Equal("ContainerCreating", ContainerStatusBuilder.Build(new ContainerFacts(Main), false, false).State.Waiting.Reason);
        Assert.Equal("PodInitializing", ContainerStatusBuilder.Build(new ContainerFacts(Main), true, false).State.Waiting.Reason);
    }

    [Fact]
    public void A_running_restart_keeps_the_last_termination_and_counts_the_attempt()
    {
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main,
            Instance(2, RuntimeState.Running), Instance(1, RuntimeState.Exited, 1, "Error")), false, false);

        Assert.Equal(2, status.RestartCount);
        Assert.NotNull(status.State.Running);
        Assert.Equal(("Error", 1), (status.LastState.Terminated.Reason, status.LastState.Terminated.ExitCode));
        Assert.True(status.Ready);
        Assert.Equal("containerd://" + new string('c', 64), status.ContainerID);
    }

    [Fact]
    public void A_container_held_in_back_off_waits_with_its_termination_as_lastState()
    {
        var waiting = ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(10), "main", "p", "default", "uid");
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Instance(1, RuntimeState.Exited, 1, "Error"), Waiting: waiting), false, false);

        Assert.Equal("CrashLoopBackOff", status.State.Waiting.Reason);
        Assert.Equal(1, status.LastState.Terminated.ExitCode);
        Assert.Equal(1, status.RestartCount);
        Assert.False(status.Ready);
    }

    [Fact]
    public void A_readiness_probe_that_has_not_passed_keeps_a_running_container_unready()
    {
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Instance(0, RuntimeState.Running),
            Probes: new ProbeResults(HasReadinessProbe: true)), false, false);

        Assert.True(status.Started);
        Assert.False(status.Ready);
    }

    [Fact]
    public void An_init_container_that_exited_0_is_ready_and_Completed()
    {
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Instance(0, RuntimeState.Exited, 0, "Completed")), true, true);

        Assert.True(status.Ready);
        Assert.Equal("Completed", status.State.Terminated.Reason);
    }
    // What the API showed before the node restarted and its runtime's containers were gone with it.
    static V1ContainerStatus Known(V1ContainerState state, int restarts = 0, V1ContainerState? last = null) => new()
    {
        Name = "main", Image = "docker.io/library/busybox:1.36", ImageID = "docker.io/library/busybox@sha256:" + new string('0', 64),
        ContainerID = "containerd://" + new string('a', 64), RestartCount = restarts, State = state, LastState = last ?? ContainerStates.None(),
    };

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void A_container_that_was_Running_and_is_gone_from_the_runtime_waits_with_ContainerStatusUnknown_as_its_last_state(bool podDeleted, int restarts)
    {
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Known: Known(ContainerStates.Running(T0.UtcDateTime))), false, false, podDeleted);

        Assert.Equal("ContainerCreating", status.State.Waiting.Reason);
        var last = status.LastState.Terminated;
        Assert.Equal(("ContainerStatusUnknown", 137, "The container could not be located when the pod was deleted.  The container used to be Running"),
            (last.Reason, last.ExitCode, last.Message));
        // Counted as a restart, unless the pod is going away.
        Assert.Equal(restarts, status.RestartCount);
        Assert.Null(status.ContainerID);
    }

    [Fact]
    public void A_container_that_was_Running_after_a_restart_keeps_that_restarts_termination_and_count()
    {
        var before = ContainerStates.Terminated(1, T0.UtcDateTime, T0.UtcDateTime, "Error", null);
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Known: Known(ContainerStates.Running(T0.UtcDateTime), 3, before)), true, false);

        Assert.Equal("PodInitializing", status.State.Waiting.Reason);
        Assert.Equal(("Error", 1), (status.LastState.Terminated.Reason, status.LastState.Terminated.ExitCode));
        Assert.Equal(3, status.RestartCount);
    }

    [Fact]
    public void A_container_in_back_off_that_is_gone_keeps_its_restart_count_and_last_state()
    {
        var before = ContainerStates.Terminated(1, T0.UtcDateTime, T0.UtcDateTime, "Error", null);
        var waiting = ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(20), "main", "p", "default", "uid");
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Known: Known(waiting, 2, before)), false, false);

        Assert.Equal(("ContainerCreating", 2, "Error"), (status.State.Waiting.Reason, status.RestartCount, status.LastState.Terminated.Reason));
    }

    [Fact]
    public void A_terminated_container_that_is_gone_keeps_its_status_whole_until_a_reason_holds_its_next_instance_back()
    {
        var done = Known(ContainerStates.Terminated(0, T0.UtcDateTime, T0.UtcDateTime, "Completed", null, containerId: "containerd://" + new string('a', 64)), 1);

        var kept = ContainerStatusBuilder.Build(new ContainerFacts(Main, Known: done), false, false);
        Assert.Equal(("Completed", 0, 1), (kept.State.Terminated.Reason, kept.State.Terminated.ExitCode, kept.RestartCount));
        Assert.Equal(done.ContainerID, kept.ContainerID);
        Assert.NotSame(done, kept);

        var pulling = ContainerStatusBuilder.Build(new ContainerFacts(Main, Waiting: ContainerStates.Waiting("ErrImagePull"), Known: done), false, false);
        Assert.Equal(("ErrImagePull", "Completed"), (pulling.State.Waiting.Reason, pulling.LastState.Terminated.Reason));
    }

    [Fact]
    public void The_APIs_status_is_not_used_while_the_runtime_has_an_instance()
    {
        var status = ContainerStatusBuilder.Build(new ContainerFacts(Main, Instance(0, RuntimeState.Running),
            Known: Known(ContainerStates.Running(T0.UtcDateTime), 5)), false, false);

        Assert.Equal(0, status.RestartCount);
        Assert.NotNull(status.State.Running);
    }
}
