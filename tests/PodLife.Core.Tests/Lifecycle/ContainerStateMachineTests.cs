using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// A container's life as kubelet reports it (convertToAPIContainerStatuses, spec/lifecycle.md §2 and §7): the first
// restart is immediate, later ones wait in CrashLoopBackOff with the last termination kept as lastState.
public class ContainerStateMachineTests
{
    [Fact]
    public void ACrashingContainerCountsItsRestarts()
    {
        var created = ContainerStatuses.Initial(new V1Container { Name = "app", Image = "busybox" }, podHasInitContainers: false);
        var running = Ok(ContainerStateMachine.Start(created, TestTimes.T0, "Always"));
        Assert.Equal((0, (DateTime?)TestTimes.T0), (running.RestartCount, running.State.Running.StartedAt));

        var exited = Ok(ContainerStateMachine.Exit(running, 1, TestTimes.T0.AddSeconds(3)));
        Assert.Equal(("Error", 1, (DateTime?)TestTimes.T0, (DateTime?)TestTimes.T0.AddSeconds(3)),
            (exited.State.Terminated.Reason, exited.State.Terminated.ExitCode, exited.State.Terminated.StartedAt, exited.State.Terminated.FinishedAt));

        var restarted = Ok(ContainerStateMachine.Start(exited, TestTimes.T0.AddSeconds(4), "Always"));   // first restart: no back-off
        Assert.Equal((1, 1), (restarted.RestartCount, restarted.LastState.Terminated.ExitCode));

        var exitedAgain = Ok(ContainerStateMachine.Exit(restarted, 1, TestTimes.T0.AddSeconds(6)));
        var backingOff = Ok(ContainerStateMachine.Wait(exitedAgain,
            ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(10), "app", "web", "default", "uid"), "Always"));
        Assert.Equal(("CrashLoopBackOff", 1, (DateTime?)TestTimes.T0.AddSeconds(6)),
            (backingOff.State.Waiting.Reason, backingOff.RestartCount, backingOff.LastState.Terminated.FinishedAt));

        var third = Ok(ContainerStateMachine.Start(backingOff, TestTimes.T0.AddSeconds(16), "Always"));
        Assert.Equal((2, false, false), (third.RestartCount, third.Ready, third.Started == true));
    }

    [Fact]
    public void ExitingClearsReadyAndStarted()
    {
        var running = new ContainerStatusBuilder("app").Running(TestTimes.T0).Started().Ready().Build();
        var exited = Ok(ContainerStateMachine.Exit(running, 0, TestTimes.T0.AddSeconds(1)));
        Assert.Equal(("Completed", false, false), (exited.State.Terminated.Reason, exited.Ready, exited.Started == true));
    }

    [Fact]
    public void ACompletedContainerInANeverPodCannotStartAgain()
    {
        var exited = new ContainerStatusBuilder("job").Terminated(0).Build();
        var result = ContainerStateMachine.Start(exited, TestTimes.T0, "Never");
        Assert.Equal("terminated container job attempted illegal transition to non-terminated state", result.Error);
        Assert.Null(result.Status);
    }

    [Fact]
    public void OnlyARunningContainerCanExit() =>
        Assert.Equal("container app is not running, so it cannot exit",
            ContainerStateMachine.Exit(new ContainerStatusBuilder("app").Waiting(), 0, TestTimes.T0).Error);

    [Fact]
    public void ARunningContainerCannotStartTwice() =>
        Assert.False(ContainerStateMachine.Start(new ContainerStatusBuilder("app").Running(TestTimes.T0), TestTimes.T0, "Always").IsAllowed);

    [Fact]
    public void AContainerCannotExitBeforeItStarted() =>
        Assert.False(ContainerStateMachine.Exit(new ContainerStatusBuilder("app").Running(TestTimes.T0), 0, TestTimes.T0.AddSeconds(-1)).IsAllowed);

    [Fact]
    public void ImagePullErrorsAlternateWhileWaiting()
    {
        var pulling = new ContainerStatusBuilder("app").Waiting(ContainerReasons.ContainerCreating).Build();
        var failed = Ok(ContainerStateMachine.Wait(pulling, ContainerStates.ErrImagePull("not found"), "Always"));
        var backOff = Ok(ContainerStateMachine.Wait(failed, ContainerStates.ImagePullBackOff("nginx:nope"), "Always"));
        Assert.Equal(("ImagePullBackOff", 0, (V1ContainerStateTerminated?)null), (backOff.State.Waiting.Reason, backOff.RestartCount, backOff.LastState?.Terminated));
    }

    [Fact]
    public void WaitNeedsAWaitingState() =>
        Assert.Throws<ArgumentException>(() => ContainerStateMachine.Wait(new ContainerStatusBuilder("a").Waiting(), ContainerStates.Running(TestTimes.T0), "Always"));

    static V1ContainerStatus Ok(TransitionResult result)
    {
        Assert.True(result.IsAllowed, result.Error);
        return result.Status!;
    }
}
