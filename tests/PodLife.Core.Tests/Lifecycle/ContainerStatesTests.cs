using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Reasons and messages from pkg/kubelet/kubelet_pods.go, kuberuntime/kuberuntime_manager.go (doBackOff),
// images/types.go and image_manager.go, status/status_manager.go (TerminatePod); spec/lifecycle.md §2 and §6.
public class ContainerStatesTests
{
    [Theory]
    [InlineData(10, "back-off 10s restarting failed container=app pod=web_default(uid-1)")]
    [InlineData(80, "back-off 1m20s restarting failed container=app pod=web_default(uid-1)")]
    [InlineData(160, "back-off 2m40s restarting failed container=app pod=web_default(uid-1)")]
    [InlineData(300, "back-off 5m0s restarting failed container=app pod=web_default(uid-1)")]
    public void CrashLoopBackOffNamesTheDelayTheContainerAndThePod(int seconds, string message)
    {
        var w = ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(seconds), "app", "web", "default", "uid-1").Waiting;
        Assert.Equal((ContainerReasons.CrashLoopBackOff, message), (w.Reason, w.Message));
    }

    [Fact]
    public void ImagePullBackOffQuotesTheImage() =>
        Assert.Equal("Back-off pulling image \"nginx:nope\"", ContainerStates.ImagePullBackOff("nginx:nope").Waiting.Message);

    [Fact]
    public void NewerKubeletsAppendTheLastPullFailureToImagePullBackOff() =>
        Assert.Equal("Back-off pulling image \"nginx:nope\": ErrImagePull: not found",
            ContainerStates.ImagePullBackOff("nginx:nope", "ErrImagePull", "not found").Waiting.Message);

    [Fact]
    public void ErrImageNeverPullSaysThePolicy() =>
        Assert.Equal("Container image \"app:dev\" is not present with pull policy of Never",
            ContainerStates.ErrImageNeverPull("app:dev").Waiting.Message);

    [Theory]
    [InlineData(false, "ContainerCreating")]
    [InlineData(true, "PodInitializing")]
    public void TheInitialWaitingReasonDependsOnInitContainers(bool hasInit, string reason)
    {
        var w = ContainerStates.Initial(hasInit).Waiting;
        Assert.Equal((reason, (string?)null), (w.Reason, w.Message));
    }

    [Theory]
    [InlineData(0, null, "Completed")]
    [InlineData(1, null, "Error")]
    [InlineData(143, null, "Error")]
    [InlineData(128, "StartError", "StartError")]
    public void TerminatedTakesTheRuntimesDefaultReason(int exitCode, string? reason, string expected) =>
        Assert.Equal(expected, ContainerStates.Terminated(exitCode, TestTimes.T0, TestTimes.T0.AddSeconds(3), reason).Terminated.Reason);

    [Fact]
    public void OOMKilledIsExitCode137()
    {
        var t = ContainerStates.OOMKilled(TestTimes.T0, TestTimes.T0.AddSeconds(9)).Terminated;
        Assert.Equal(("OOMKilled", 137, (DateTime?)TestTimes.T0, (DateTime?)TestTimes.T0.AddSeconds(9)), (t.Reason, t.ExitCode, t.StartedAt, t.FinishedAt));
    }

    [Fact]
    public void AContainerLostDuringTerminationIsStatusUnknownWith137()
    {
        var t = ContainerStates.StatusUnknownOnTermination().Terminated;
        Assert.Equal(("ContainerStatusUnknown", "The container could not be located when the pod was terminated", 137), (t.Reason, t.Message, t.ExitCode));
    }

    [Fact]
    public void AContainerLostWhileRunningSaysItUsedToBeRunning() =>
        Assert.Equal("The container could not be located when the pod was deleted.  The container used to be Running",
            ContainerStates.StatusUnknownOnDeletion().Terminated.Message);

    [Fact]
    public void RunningRecordsStartedAtInUtc()
    {
        var local = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(DateTimeKind.Utc, ContainerStates.Running(local).Running.StartedAt!.Value.Kind);
    }

    [Fact]
    public void AnEmptyStateHasNoneOfTheThree()
    {
        var none = ContainerStates.None();
        Assert.True(none.Waiting is null && none.Running is null && none.Terminated is null);
    }

    [Fact]
    public void InitialStatusesKeepInitOrderAndSortRegularContainersByName()
    {
        var spec = new PodBuilder().WithInitContainers("z-init", "a-init").WithContainers("web", "api").Build().Spec;
        var (init, regular) = ContainerStatuses.InitialFor(spec);
        Assert.Equal(["z-init", "a-init"], init.Select(s => s.Name));
        Assert.Equal(["api", "web"], regular.Select(s => s.Name));
        Assert.All(init.Concat(regular), s => Assert.Equal(("PodInitializing", false, 0, ""), (s.State.Waiting.Reason, s.Ready, s.RestartCount, s.ImageID)));
    }

    [Fact]
    public void FinishingBeforeStartingIsAClearError() =>
        Assert.Throws<ArgumentException>(() => ContainerStates.Terminated(0, TestTimes.T0, TestTimes.T0.AddSeconds(-1)));

    [Fact]
    public void AnErrorTerminationNeedsANonZeroExitCode() =>
        Assert.Throws<ArgumentException>(() => ContainerStates.Error(0, TestTimes.T0, TestTimes.T0));

    [Fact]
    public void ANegativeBackOffIsAClearError() =>
        Assert.Throws<ArgumentException>(() => ContainerStates.CrashLoopBackOff(TimeSpan.FromSeconds(-1), "a", "p", "n", "u"));

    [Theory]
    [InlineData("", true)]
    [InlineData("ContainerCreating", true)]
    [InlineData("PodInitializing", true)]
    [InlineData("CrashLoopBackOff", false)]
    [InlineData("ImagePullBackOff", false)]
    [InlineData("SomethingNew", false)] // an unknown reason is treated as a problem, not hidden
    public void OnlyTheDefaultWaitingReasonsAreBenign(string reason, bool benign) =>
        Assert.Equal(benign, ContainerReasons.IsBenignWaiting(reason));
}
