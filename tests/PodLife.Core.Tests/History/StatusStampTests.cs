using k8s.Models;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.Core.Tests.History;

public class StatusStampTests
{
    static readonly DateTimeOffset T0 = new(TestTimes.T0);

    [Theory]
    [InlineData(0, 400, 400)]     // whole-second stamp, written 400 ms later in the same second: the write's time
    [InlineData(0, 999, 999)]
    [InlineData(0, 1000, 0)]      // written a second or more later: the node reported late, its stamp stands
    [InlineData(0, 5300, 0)]
    [InlineData(250, 400, 250)]   // a stamp with sub-second precision is already exact
    public void AWholeSecondStampIsRefinedOnlyByAWriteInTheSameSecond(int stampMs, int writtenMs, int expectedMs)
    {
        var refined = StatusStamp.Refine(TestTimes.T0.AddMilliseconds(stampMs), T0.AddMilliseconds(writtenMs));
        Assert.Equal(T0.AddMilliseconds(expectedMs), refined);
    }

    [Fact]
    public void AnUnsetStampIsNull()
    {
        Assert.Null(StatusStamp.Refine(null, T0));
        Assert.Null(StatusStamp.Refine(DateTime.MinValue, T0));
    }

    [Fact]
    public void ABindingWithinTheSecondOfTheCreateIsRecordedAfterIt()
    {
        // Created at .400; the binding at .450 stamps PodScheduled with the whole second (.000).
        var created = new PodBuilder().WithContainers("app").Build();
        var bound = new PodBuilder().WithContainers("app").OnNode("node-1").Build();
        bound.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = TestTimes.T0 }];

        var t = TimelineRecording.PodWritten(null, null, created, T0.AddMilliseconds(400));
        t = TimelineRecording.PodWritten(t, created, bound, T0.AddMilliseconds(450));

        var scheduled = t.Entries.Single(e => e is { Kind: "Condition", Name: "PodScheduled" });
        Assert.Equal(T0.AddMilliseconds(450), scheduled.Time);
        Assert.Equal(t.Entries.OrderBy(e => e.Time).Select(e => e.Time), t.Entries.Select(e => e.Time));
    }

    [Fact]
    public void AContainerStartStampedWithTheWholeSecondAndWrittenLateIsNotRecordedBeforeItsWaiting()
    {
        // Waiting recorded at .411; the node's Running write, stamped startedAt .000 (whole seconds), reaches the server
        // 1.2 s later: the stamp cannot be refined by the write's time, and must not put Running before Waiting.
        var created = new PodBuilder().WithContainers("app").OnNode("node-1")
            .WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating")).Build();
        var running = new PodBuilder().WithContainers("app").OnNode("node-1").WithPhase("Running")
            .WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0)).Build();

        var t = TimelineRecording.PodWritten(null, null, created, T0.AddMilliseconds(411));
        t = TimelineRecording.PodWritten(t, created, running, T0.AddMilliseconds(1611));

        var lane = t.Entries.Where(e => e is { Kind: "Container", Name: "app" }).ToList();
        Assert.Equal(["Waiting", "Running"], lane.Select(e => e.To));
        Assert.Equal(T0.AddMilliseconds(411), lane[1].Time);
        Assert.Equal(t.Entries.OrderBy(e => e.Time).Select(e => e.Time), t.Entries.Select(e => e.Time));
        var stages = t.Entries.Where(e => e.Kind == "Stage").Select(e => e.Time).ToList();
        Assert.Equal(stages.Order(), stages);
    }

    [Fact]
    public void AWholeSecondStampASecondOrMoreAfterTheLanesLastEntryStands()
    {
        var entry = new TimelineEntry(T0.AddSeconds(2), "Container", "app", "Running");
        var recorded = new[] { new TimelineEntry(T0.AddMilliseconds(411), "Container", "app", "Waiting"), new TimelineEntry(T0.AddSeconds(3), "Condition", "Ready", "True") };

        Assert.Same(entry, StatusStamp.NotBeforeItsLane(recorded, entry));
        var early = entry with { Time = T0 };
        Assert.Equal(T0.AddMilliseconds(411), StatusStamp.NotBeforeItsLane(recorded, early).Time);
        var precise = entry with { Time = T0.AddMilliseconds(100) };
        Assert.Same(precise, StatusStamp.NotBeforeItsLane(recorded, precise)); // sub-second precision is taken as exact
    }
}
