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
}
