using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.Service;
using PodLife.Scheduler.Tests.Fakes;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// client-go tools/events/event_broadcaster.go: recordToSink, finishSeries, refreshExistingEventSeries.
public class EventSeriesRecorderTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly FakeClusterApi _api = new();
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    EventSeriesRecorder Recorder() => new(_api, _time);

    Eventsv1Event Failed(V1Pod pod, string message) => SchedulerEvents.FailedScheduling(pod, message, "default-scheduler", _time.GetUtcNow());

    [Fact]
    public async Task TheFirstOccurrenceIsCreatedAndTheSecondStartsASeriesOfTwo()
    {
        var recorder = Recorder();
        var pod = Pod("p");
        await recorder.RecordAsync(Failed(pod, "0/1 nodes are available: 1 Insufficient cpu."), Ct);
        _time.Advance(TimeSpan.FromSeconds(40));
        await recorder.RecordAsync(Failed(pod, "0/1 nodes are available: 1 Insufficient cpu."), Ct);

        var created = Assert.Single(_api.Events);
        Assert.Null(created.Series);
        var (_, name, patch) = Assert.Single(_api.EventPatches);
        Assert.Equal(created.Metadata.Name, name);
        Assert.Contains("\"count\":2", patch);
        Assert.Contains("\"lastObservedTime\":\"2026-01-01T00:00:40", patch);
        // The series and nothing else: a field the patch carried by default would overwrite the event's.
        Assert.Matches("^\\{\"series\":\\{\"count\":2,\"lastObservedTime\":\"[^\"]+\"\\}\\}$", patch);
    }

    [Fact]
    public async Task LaterOccurrencesOnlyCountUntilTheSeriesFinishesSixMinutesAfterTheLast()
    {
        var recorder = Recorder();
        var pod = Pod("p");
        for (var i = 0; i < 5; i++)
        {
            await recorder.RecordAsync(Failed(pod, "no room"), Ct);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Single(_api.EventPatches); // count 2 only: 3, 4 and 5 stay local

        _time.Advance(TimeSpan.FromMinutes(5)); // 5m10s after the last occurrence: not finished yet
        await recorder.FinishSeriesAsync(Ct);
        Assert.Single(_api.EventPatches);

        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.FinishSeriesAsync(Ct);
        Assert.Equal(2, _api.EventPatches.Count);
        Assert.Contains("\"count\":5", _api.EventPatches[^1].Patch);

        // Forgotten once finished: the next occurrence is a new event.
        await recorder.RecordAsync(Failed(pod, "no room"), Ct);
        Assert.Equal(2, _api.Events.Count);
    }

    [Fact]
    public async Task TheNoteDoesNotMatterButTheReasonAndTheObjectsResourceVersionDo()
    {
        var recorder = Recorder();
        var pod = Pod("p");
        await recorder.RecordAsync(Failed(pod, "first message"), Ct);
        await recorder.RecordAsync(Failed(pod, "another message"), Ct); // same key: a series, the first note stays
        Assert.Single(_api.Events);
        Assert.Single(_api.EventPatches);

        await recorder.RecordAsync(SchedulerEvents.Scheduled(pod, "n1", "default-scheduler", _time.GetUtcNow()), Ct);
        var changed = Pod("p");
        changed.Metadata.ResourceVersion = "99";
        await recorder.RecordAsync(Failed(changed, "first message"), Ct);
        Assert.Equal(3, _api.Events.Count);
    }

    [Fact]
    public async Task ASeriesWhoseEventWasDeletedIsCreatedAgainWithItsCount()
    {
        var recorder = Recorder();
        var pod = Pod("p");
        await recorder.RecordAsync(Failed(pod, "no room"), Ct);
        _api.Events.Clear(); // deleted on the server (TTL, or by a user)

        await recorder.RecordAsync(Failed(pod, "no room"), Ct);

        var recreated = Assert.Single(_api.Events);
        Assert.Equal(2, recreated.Series.Count);
        Assert.Null(recreated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task RefreshWritesEveryLiveSeries()
    {
        var recorder = Recorder();
        for (var i = 0; i < 3; i++) await recorder.RecordAsync(Failed(Pod("p"), "no room"), Ct);
        await recorder.RecordAsync(Failed(Pod("q"), "no room"), Ct); // a singleton: nothing to refresh

        await recorder.RefreshSeriesAsync(Ct);

        Assert.Equal(2, _api.EventPatches.Count);
        Assert.Contains("\"count\":3", _api.EventPatches[^1].Patch);
    }
}
