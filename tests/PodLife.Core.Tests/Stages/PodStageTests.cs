using PodLife.Core.Lifecycle;
using PodLife.Core.Stages;
using PodLife.Testing;

namespace PodLife.Core.Tests.Stages;

// The five stages of the blog in /work/shared/reference/pod-lifecycle-blog.md, corrected by Kubernetes'
// behaviour where they differ (spec/lifecycle.md §14 a-j).
public class PodStageTests
{
    [Fact]
    public void ANewPodWaitsToBeScheduled() =>
        Assert.Equal(new StageResult(LifecycleStage.Initializing, "waiting to be scheduled to a node"), PodStage.Classify(Pod()));

    [Fact]
    public void AGatedPodIsStillInitializing() =>
        Assert.Equal(LifecycleStage.Initializing,
            PodStage.Classify(Pod().WithCondition("PodScheduled", "False", "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates")).Stage);

    [Fact]
    public void AnUnschedulablePodIsAnError() // §14 (c): PodScheduled=False Unschedulable, never True before binding
    {
        var result = PodStage.Classify(Pod().WithCondition("PodScheduled", "False", "Unschedulable", "0/1 nodes are available: 1 Insufficient cpu."));
        Assert.Equal(new StageResult(LifecycleStage.Error, "the pod cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu."), result);
    }

    [Fact]
    public void ARunningInitContainerIsReportedLikeKubectlsInitCount()
    {
        var pod = Pod().OnNode("node-1").WithInitContainers("migrate", "seed")
            .WithInitStatuses(new ContainerStatusBuilder("migrate").Terminated(0), new ContainerStatusBuilder("seed").Running(TestTimes.T0))
            .WithStatuses(new ContainerStatusBuilder("app").Waiting(ContainerReasons.PodInitializing));
        Assert.Equal(new StageResult(LifecycleStage.Initializing, "init container seed is running (2/2)"), PodStage.Classify(pod));
    }

    [Fact]
    public void ContainersBeingCreatedAreInitializingNotError() // §14 (c): Waiting ContainerCreating, Initialized=True
    {
        var pod = Pod().OnNode("node-1").WithStatuses(new ContainerStatusBuilder("app").Waiting(ContainerReasons.ContainerCreating));
        Assert.Equal(new StageResult(LifecycleStage.Initializing, "containers are being created: [app]"), PodStage.Classify(pod));
    }

    [Theory] // §14 (a) and (g): image errors leave the pod Pending; the stage is Error either way
    [InlineData("ErrImagePull", "rpc error: code = NotFound")]
    [InlineData("ImagePullBackOff", "Back-off pulling image \"nginx:nope\"")]
    [InlineData("InvalidImageName", "couldn't parse image name \"Nginx\"")]
    [InlineData("CreateContainerConfigError", "configmap \"cfg\" not found")]
    public void AContainerThatCannotStartIsAnError(string reason, string message)
    {
        var pod = Pod().OnNode("node-1").WithStatuses(new ContainerStatusBuilder("app").Waiting(reason, message));
        Assert.Equal(new StageResult(LifecycleStage.Error, $"container app is waiting: {reason}: {message}"), PodStage.Classify(pod));
    }

    [Fact]
    public void AnUnknownWaitingReasonIsShownNotHidden()
    {
        var pod = Pod().OnNode("node-1").WithStatuses(new ContainerStatusBuilder("app").Waiting("SomethingNew"));
        Assert.Equal(new StageResult(LifecycleStage.Error, "container app is waiting: SomethingNew"), PodStage.Classify(pod));
    }

    [Fact]
    public void AnInitContainerThatHasNotStartedIsCountedLikeKubectl()
    {
        var pod = Pod().OnNode("node-1").WithSidecars("proxy").WithInitContainers("migrate")
            .WithInitStatuses(new ContainerStatusBuilder("proxy").Running(TestTimes.T0).Started());
        Assert.Equal("init container migrate has not started yet (2/2)", PodStage.Classify(pod).Reason);
    }

    [Fact]
    public void ACrashLoopIsAnErrorInPhaseRunning()
    {
        var pod = Pod().OnNode("node-1").WithPhase("Running")
            .WithStatuses(new ContainerStatusBuilder("app").Waiting("CrashLoopBackOff").LastTerminated(1).Restarts(3));
        Assert.Equal(new StageResult(LifecycleStage.Error, "container app is waiting: CrashLoopBackOff"), PodStage.Classify(pod));
    }

    [Fact]
    public void AFailedInitContainerIsAnError()
    {
        var pod = Pod().OnNode("node-1").WithInitContainers("migrate").WithInitStatuses(new ContainerStatusBuilder("migrate").Terminated(2));
        Assert.Equal(new StageResult(LifecycleStage.Error, "init container migrate exited with code 2 (Error)"), PodStage.Classify(pod));
    }

    [Fact]
    public void RunningButNotReadyIsReadyToRun() // §14 (i)
    {
        var pod = Pod().OnNode("node-1").WithPhase("Running")
            .WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0).Started())
            .WithCondition("Ready", "False", "ContainersNotReady", "containers with unready status: [app]");
        Assert.Equal(new StageResult(LifecycleStage.ReadyToRun, "Running but not Ready: containers with unready status: [app]"), PodStage.Classify(pod));
    }

    [Fact]
    public void WithoutConditionsReadinessIsWorkedOutFromTheContainers()
    {
        var pod = Pod().OnNode("node-1").WithPhase("Running").WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0).Started().Ready());
        Assert.Equal(LifecycleStage.NormalOperation, PodStage.Classify(pod).Stage);
    }

    [Fact]
    public void ReadyIsNormalOperation()
    {
        var pod = Pod().OnNode("node-1").WithPhase("Running")
            .WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0).Started().Ready()).WithCondition("Ready", "True");
        Assert.Equal(new StageResult(LifecycleStage.NormalOperation, "Running and Ready: every container is ready to serve"), PodStage.Classify(pod));
    }

    [Fact]
    public void ASucceededPodIsTerminated() =>
        Assert.Equal(LifecycleStage.Terminated, PodStage.Classify(Pod().WithPhase("Succeeded")).Stage);

    [Fact]
    public void AFailedPodExplainsWhichContainerFailed()
    {
        var pod = Pod().WithPhase("Failed").WithRestartPolicy("Never").WithStatuses(new ContainerStatusBuilder("app").Terminated(137, "OOMKilled"));
        Assert.Equal(new StageResult(LifecycleStage.Terminated, "phase Failed: container app exited with code 137 (OOMKilled)"), PodStage.Classify(pod));
    }

    [Fact]
    public void AFailedPodWithAReasonSaysIt()
    {
        var pod = Pod().WithPhase("Failed").WithStatusReason("DeadlineExceeded", "Pod was active on the node longer than the specified deadline");
        Assert.Equal("phase Failed: DeadlineExceeded: Pod was active on the node longer than the specified deadline", PodStage.Classify(pod).Reason);
    }

    [Fact]
    public void ADeletedPodIsTerminating() =>
        Assert.Equal(LifecycleStage.Terminated, PodStage.Classify(Pod().OnNode("n").WithPhase("Running").Deleting(TestTimes.T0)).Stage);

    [Fact]
    public void TheLegacyUnknownPhaseIsAnError() => // §14 (e): modern kubelets never write it, old objects may carry it
        Assert.Equal(LifecycleStage.Error, PodStage.Classify(Pod().WithPhase(PodPhase.Unknown)).Stage);

    [Fact]
    public void APodWithoutStatusIsInitializing() =>
        Assert.Equal(LifecycleStage.Initializing, PodStage.Classify(Pod().WithoutStatus()).Stage);

    [Fact]
    public void AnUnknownPhaseIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => PodStage.Classify(Pod().WithPhase("Sleeping")));
        Assert.Contains("\"Sleeping\"", error.Message);
    }

    [Fact]
    public void ANullPodIsAClearError() => Assert.Throws<ArgumentNullException>(() => PodStage.Classify(null!));

    static PodBuilder Pod() => new PodBuilder().WithContainers("app");
}
