using k8s.Models;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.Core.Tests.History;

public class TimelineRecordingTests
{
    static readonly DateTimeOffset T0 = new(TestTimes.T0);

    static V1Pod Unscheduled() => new PodBuilder().WithContainers("app").Build();

    static V1Pod Creating() => new PodBuilder().WithContainers("app").OnNode("node-1").WithCondition("PodScheduled", "True")
        .WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating")).Build();

    static V1Pod Running(bool ready) => new PodBuilder().WithContainers("app").OnNode("node-1").WithPhase("Running")
        .WithCondition("PodScheduled", "True").WithCondition("Ready", ready ? "True" : "False")
        .WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0.AddSeconds(4)).Ready(ready)).Build();

    static PodTimeline Life()
    {
        var t = TimelineRecording.PodWritten(null, null, Unscheduled(), T0);
        t = TimelineRecording.PodWritten(t, Unscheduled(), Creating(), T0.AddSeconds(1));
        t = TimelineRecording.PodWritten(t, Creating(), Running(false), T0.AddSeconds(4));
        return TimelineRecording.PodWritten(t, Running(false), Running(true), T0.AddSeconds(6));
    }

    [Fact]
    public void EveryStageChangeIsRecordedInOrderAndTheCurrentStageKnowsSinceWhen()
    {
        var t = Life();
        Assert.Equal(["Initializing", "ReadyToRun", "NormalOperation"], t.Entries.Where(e => e.Kind == "Stage").Select(e => e.To));
        Assert.Equal(new TimelineCurrent("NormalOperation", "Running", "", T0.AddSeconds(6), 0), t.Current);
        Assert.Equal(t.Entries.OrderBy(e => e.Time).Select(e => e.Time), t.Entries.Select(e => e.Time));
        Assert.Equal("Pending", t.Entries[0].To);
    }

    [Fact]
    public void TheStageEntryCarriesKubectlsStatusAsReasonAndTheExplanationAsMessage()
    {
        var t = TimelineRecording.PodWritten(null, null, Creating(), T0);
        var stage = t.Entries.Single(e => e.Kind == "Stage");
        Assert.Equal(("Initializing", "ContainerCreating"), (stage.To, stage.Reason));
        Assert.Equal("containers are being created: [app]", stage.Message);
    }

    [Fact]
    public void AWriteThatChangesNothingTheTimelineShowsLeavesTheTimelineAsItIs()
    {
        var t = Life();
        var again = Running(true);
        again.Status.PodIP = "10.0.0.9";
        again.Status.Conditions.Single(c => c.Type == "Ready").LastProbeTime = TestTimes.T0.AddSeconds(30);
        Assert.Same(t, TimelineRecording.PodWritten(t, Running(true), again, T0.AddSeconds(30)));
    }

    [Fact]
    public void ALabelChangeAloneIsKeptAndTheUnchangedCurrentIsShared()
    {
        var t = Life();
        var labelled = Running(true);
        labelled.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        var next = TimelineRecording.PodWritten(t, Running(true), labelled, T0.AddSeconds(30));
        Assert.NotSame(t, next);
        Assert.Equal([("app", "web"), ("tier", "front")], next.Labels.Select(l => (l.Key, l.Value)));
        Assert.Same(t.Current, next.Current);
        Assert.Same(t.Entries, next.Entries);

        // The same labels in another order are another wire form: a write that only reorders them is recorded.
        var reordered = Running(true);
        reordered.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" };
        var after = TimelineRecording.PodWritten(next, labelled, reordered, T0.AddSeconds(31));
        Assert.Equal(["tier", "app"], after.Labels.Keys);
        Assert.Same(after, TimelineRecording.PodWritten(after, reordered, reordered, T0.AddSeconds(32)));
    }

    [Fact]
    public void APodRecreatedWithTheSameNameStartsAFreshTimeline()
    {
        var again = Unscheduled();
        again.Metadata.Uid = "another-uid";
        var t = TimelineRecording.PodWritten(Life(), Running(true), again, T0.AddMinutes(5));
        Assert.Equal("another-uid", t.PodUid);
        Assert.Equal(["Phase", "Stage"], t.Entries.Select(e => e.Kind));
        Assert.Equal(T0.AddMinutes(5), t.CreationTimestamp);
    }

    [Fact]
    public void ADeletedPodKeepsItsTimelineUntilTheRetentionHasPassed()
    {
        var gone = TimelineRecording.PodDeleted(Life(), T0.AddMinutes(1));
        Assert.Equal(T0.AddMinutes(1), gone.PodDeletedAt);
        Assert.Equal(("Terminated", "Deleted"), (gone.Current!.Stage, gone.Current.Reason));
        Assert.Equal("Terminated", gone.Entries[^1].To);
        Assert.False(gone.Expired(T0.AddMinutes(1).AddHours(24).AddTicks(-1), TimeSpan.FromHours(24)));
        Assert.True(gone.Expired(T0.AddMinutes(1).AddHours(24), TimeSpan.FromHours(24)));
        Assert.False(Life().Expired(T0.AddYears(1), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void ABoundedTimelineDropsTheOldestEntriesButKeepsTheFirstPhaseAndSaysSo()
    {
        var t = Life();
        var count = t.Entries.Count;
        var more = Enumerable.Range(0, 10).Select(i => new TimelineEntry(T0.AddMinutes(i + 1), "Event", "BackOff", "Warning")).ToList();
        var bounded = t.Append(more, max: 8);
        Assert.Equal(8, bounded.Entries.Count);
        Assert.Equal(count + 10 - 8, bounded.DroppedEntries);
        Assert.Equal(t.Entries[0], bounded.Entries[0]);
        Assert.Equal(more.TakeLast(7), bounded.Entries.Skip(1));
    }

    [Fact]
    public void ARepeatedEventRaisesTheCountOfItsEntryInsteadOfAddingOne()
    {
        var t = Life();
        var ev = new Corev1Event
        {
            Reason = "BackOff", Type = "Warning", Message = "Back-off restarting failed container app", Count = 1,
            LastTimestamp = TestTimes.T0.AddSeconds(30), InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", Uid = t.PodUid },
        };
        t = EventRecording.EventWritten(t, null, ev, T0);
        var repeated = ev with { Count = 3, LastTimestamp = TestTimes.T0.AddSeconds(50) };
        t = EventRecording.EventWritten(t, ev, repeated, T0);
        var entry = Assert.Single(t.Entries, e => e.Kind == "Event");
        Assert.Equal((3, new DateTimeOffset(TestTimes.T0.AddSeconds(30)), (DateTimeOffset?)new DateTimeOffset(TestTimes.T0.AddSeconds(50))), (entry.Count!.Value, entry.Time, entry.LastTime));
        Assert.Same(t, EventRecording.EventWritten(t, repeated, repeated, T0));
    }

    [Fact]
    public void AnEventOfWholeSecondsReceivedWithinItsSecondIsPlacedAtItsArrival()
    {
        var t = Life();
        var second = new DateTimeOffset(TestTimes.T0).AddMinutes(5);
        Corev1Event Pulled(string reason) => new()
        {
            Reason = reason, Type = "Normal", Count = 1, LastTimestamp = second.UtcDateTime,
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", Uid = t.PodUid },
        };
        t = EventRecording.EventWritten(t, null, Pulled("Pulled"), second.AddMilliseconds(640));
        // Received a second or more later (a slow writer, a replay): its own time.
        t = EventRecording.EventWritten(t, null, Pulled("Created"), second.AddSeconds(3));
        Assert.Equal([second.AddMilliseconds(640), second], t.Entries.Where(e => e.Kind == "Event").Select(e => e.Time));
    }

    [Fact]
    public void AnEventAboutAnEarlierPodWithTheSameNameIsIgnored()
    {
        var t = Life();
        var ev = new Corev1Event { Reason = "Killing", Type = "Normal", InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", Uid = "old" } };
        Assert.Same(t, EventRecording.EventWritten(t, null, ev, T0));
    }

    [Fact]
    public void TheStageHistoryForExplainHasOneTransitionPerStageEntry()
    {
        var history = TimelineHistory.ToPodHistory(Life());
        var spans = history.Spans(T0.AddSeconds(10));
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], spans.Select(s => s.Duration));
    }
}
