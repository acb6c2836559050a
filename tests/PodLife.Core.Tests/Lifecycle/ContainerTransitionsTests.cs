using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Rules of pkg/kubelet/status/status_manager.go checkContainerStateTransition (terminated containers may only
// leave that state when the restart policy restarts them; sidecars always may), plus restartCount being the runtime
// attempt number (kuberuntime, convertToAPIContainerStatuses), so it never goes down and goes up on every restart.
public class ContainerTransitionsTests
{
    [Theory]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    [InlineData("OnFailure", 1, true)]
    [InlineData("OnFailure", 0, false)]   // a successful container is done under OnFailure
    [InlineData("Never", 1, false)]
    [InlineData("Never", 0, false)]
    public void ATerminatedContainerRestartsOnlyWhenThePolicySaysSo(string policy, int exitCode, bool allowed)
    {
        var before = new ContainerStatusBuilder("app").Terminated(exitCode).Build();
        var after = new ContainerStatusBuilder("app").Waiting(ContainerReasons.CrashLoopBackOff).LastTerminated(exitCode).Build();
        var result = ContainerTransitions.Check(before, after, policy);
        Assert.Equal(allowed, result.IsAllowed);
        if (!allowed) Assert.Equal("terminated container app attempted illegal transition to non-terminated state", result.Error);
    }

    [Fact]
    public void ASidecarMayAlwaysRestartEvenInANeverPod()
    {
        var before = new ContainerStatusBuilder("proxy").Terminated(0).Build();
        var after = new ContainerStatusBuilder("proxy").Running().Restarts(1).Build();
        Assert.True(ContainerTransitions.Check(before, after, RestartPolicies.Never, isSidecar: true).IsAllowed);
    }

    [Fact]
    public void ARegularInitContainerIsNamedAsSuch()
    {
        var spec = new PodBuilder().WithInitContainers("init").WithContainers("app").WithRestartPolicy("Never").Build().Spec;
        var before = new V1PodStatus { InitContainerStatuses = [new ContainerStatusBuilder("init").Terminated(0)] };
        var after = new V1PodStatus { InitContainerStatuses = [new ContainerStatusBuilder("init").Running().Restarts(1)] };
        Assert.Equal("terminated init container init attempted illegal transition to non-terminated state",
            ContainerTransitions.CheckPod(spec, before, after).Error);
    }

    [Fact]
    public void RestartCountNeverGoesDown()
    {
        var result = ContainerTransitions.Check(
            new ContainerStatusBuilder("app").Running().Restarts(3), new ContainerStatusBuilder("app").Running().Restarts(2), "Always");
        Assert.Equal("restartCount of container app went down from 3 to 2", result.Error);
    }

    [Fact]
    public void StartingAgainNeedsAHigherRestartCount()
    {
        var result = ContainerTransitions.Check(
            new ContainerStatusBuilder("app").Terminated(1).Restarts(2), new ContainerStatusBuilder("app").Running().Restarts(2), "Always");
        Assert.Equal("container app started again without increasing restartCount (2)", result.Error);
    }

    [Fact]
    public void ARunningContainerCannotGoBackToWaitingWithoutATermination()
    {
        var result = ContainerTransitions.Check(
            new ContainerStatusBuilder("app").Running(), new ContainerStatusBuilder("app").Waiting("ContainerCreating"), "Always");
        Assert.False(result.IsAllowed);
    }

    [Fact]
    public void AContainerLostWhileRunningWaitsWithAStatusUnknownLastState()
    {
        // convertToAPIContainerStatuses: ContainerCreating again, lastState ContainerStatusUnknown (137).
        var after = new ContainerStatusBuilder("app").Waiting(ContainerReasons.ContainerCreating).Build()
            with { LastState = ContainerStates.StatusUnknownOnDeletion() };
        Assert.True(ContainerTransitions.Check(new ContainerStatusBuilder("app").Running(), after, "Always").IsAllowed);
    }

    [Theory]
    [InlineData("nostate")]
    [InlineData("two")]
    public void ANewStatusMustBeInExactlyOneState(string shape)
    {
        var after = shape == "nostate"
            ? new ContainerStatusBuilder("app").NoState().Build()
            : new ContainerStatusBuilder("app").Running().Build() with { State = new V1ContainerState { Running = new(), Waiting = new() } };
        var result = ContainerTransitions.Check(new ContainerStatusBuilder("app").Waiting(), after, "Always");
        Assert.Equal("container app must be in exactly one of waiting, running or terminated", result.Error);
    }

    [Fact]
    public void AStatusCannotChangeItsName() =>
        Assert.False(ContainerTransitions.Check(new ContainerStatusBuilder("a").Waiting(), new ContainerStatusBuilder("b").Waiting(), "Always").IsAllowed);

    [Fact]
    public void APodCheckLooksAtEveryContainer()
    {
        var spec = new PodBuilder().WithContainers("a", "b").WithRestartPolicy("Never").Build().Spec;
        var before = new V1PodStatus { ContainerStatuses = [new ContainerStatusBuilder("a").Running(), new ContainerStatusBuilder("b").Terminated(0)] };
        var after = new V1PodStatus { ContainerStatuses = [new ContainerStatusBuilder("a").Terminated(0), new ContainerStatusBuilder("b").Running().Restarts(1)] };
        Assert.Equal("terminated container b attempted illegal transition to non-terminated state", ContainerTransitions.CheckPod(spec, before, after).Error);
    }

    [Fact]
    public void AFirstStatusHasNothingToCheckAgainst()
    {
        var spec = new PodBuilder().WithContainers("a").Build().Spec;
        var after = new V1PodStatus { ContainerStatuses = [new ContainerStatusBuilder("a").Running()] };
        Assert.True(ContainerTransitions.CheckPod(spec, null, after).IsAllowed);
    }
}
