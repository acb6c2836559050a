using k8s.Models;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.Core.Tests.History;

public class PodTransitionsTests
{
    static readonly DateTimeOffset Now = new(TestTimes.T0.AddMinutes(1));

    static V1Pod Pod(Action<PodBuilder>? shape = null)
    {
        var b = new PodBuilder().WithContainers("app");
        shape?.Invoke(b);
        return b.Build();
    }

    [Fact]
    public void ANewPodStartsWithItsPhase()
    {
        var entries = PodTransitions.Between(null, Pod(), Now);
        var phase = Assert.Single(entries);
        Assert.Equal(new TimelineEntry(Now, "Phase", "", "Pending"), phase);
    }

    [Fact]
    public void AnUnchangedStatusRecordsNothing()
    {
        Assert.Empty(PodTransitions.Between(Pod(), Pod(), Now));
    }

    [Fact]
    public void AConditionThatFlipsIsRecordedAtItsLastTransitionTime()
    {
        var scheduled = Pod(b => b.WithCondition("PodScheduled", "True"));
        scheduled.Status.Conditions[0].LastTransitionTime = TestTimes.T0.AddSeconds(2);
        var entry = Assert.Single(PodTransitions.Between(Pod(), scheduled, Now));
        Assert.Equal(new TimelineEntry(new(TestTimes.T0.AddSeconds(2)), "Condition", "PodScheduled", "True"), entry);
    }

    [Fact]
    public void ANewMessageOnAnUnchangedConditionIsRecordedNow()
    {
        // The scheduler rewrites PodScheduled=False with a new message without moving lastTransitionTime.
        var before = Pod(b => b.WithCondition("PodScheduled", "False", "Unschedulable", "0/1 nodes are available: 1 Insufficient cpu."));
        var after = Pod(b => b.WithCondition("PodScheduled", "False", "Unschedulable", "0/2 nodes are available: 2 Insufficient cpu."));
        var entry = Assert.Single(PodTransitions.Between(before, after, Now));
        Assert.Equal(Now, entry.Time);
        Assert.Equal(("False", null, "Unschedulable"), (entry.To, entry.From, entry.Reason));
    }

    [Fact]
    public void AContainerThatStartsIsRecordedAtStartedAtWithItsRestartCountAndReadiness()
    {
        var creating = Pod(b => b.WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating")));
        var running = Pod(b => b.WithPhase("Running").WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0.AddSeconds(3))));
        var entries = PodTransitions.Between(creating, running, Now);
        var started = new DateTimeOffset(TestTimes.T0.AddSeconds(3));
        Assert.Equal(
        [
            new TimelineEntry(started, "Phase", "", "Running") { From = "Pending" },
            new TimelineEntry(started, "Container", "app", "Running") { From = "Waiting", RestartCount = 0, Ready = false },
        ], entries);
    }

    [Fact]
    public void ARestartReportedInOneWriteRecordsTheTerminationFromLastState()
    {
        // kubelet can report Running -> Waiting(CrashLoopBackOff) with the ended run only in lastState.
        var running = Pod(b => b.WithPhase("Running").WithStatuses(new ContainerStatusBuilder("app").Running()));
        var backoff = Pod(b => b.WithPhase("Running").WithStatuses(
            new ContainerStatusBuilder("app").Waiting("CrashLoopBackOff", "back-off 10s restarting failed container=app").LastTerminated(1, "Error").Restarts(1)));
        var entries = PodTransitions.Between(running, backoff, Now);
        Assert.Equal(
        [
            new TimelineEntry(new(TestTimes.T0.AddSeconds(5)), "Container", "app", "Terminated") { From = "Running", Reason = "Error", ExitCode = 1, RestartCount = 0 },
            new TimelineEntry(Now, "Container", "app", "Waiting")
            {
                From = "Running", Reason = "CrashLoopBackOff", Message = "back-off 10s restarting failed container=app", RestartCount = 1,
            },
        ], entries);
    }

    [Fact]
    public void AReadinessChangeAloneIsRecordedNow()
    {
        var notReady = Pod(b => b.WithPhase("Running").WithStatuses(new ContainerStatusBuilder("app").Running()));
        var ready = Pod(b => b.WithPhase("Running").WithStatuses(new ContainerStatusBuilder("app").Running().Ready()));
        var entry = Assert.Single(PodTransitions.Between(notReady, ready, Now));
        Assert.Equal(new TimelineEntry(Now, "Container", "app", "Running") { Ready = true }, entry);
    }

    [Fact]
    public void InitContainersAreRecordedAsTheirOwnKind()
    {
        var before = Pod(b => b.WithInitContainers("init").WithInitStatuses(new ContainerStatusBuilder("init").Running()));
        var after = Pod(b => b.WithInitContainers("init").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed")));
        var entry = Assert.Single(PodTransitions.Between(before, after, Now));
        Assert.Equal(("InitContainer", "init", "Terminated", "Completed", 0), (entry.Kind, entry.Name, entry.To, entry.Reason, entry.ExitCode));
    }
}
