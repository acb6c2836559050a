using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>
/// The recorder stores a pod's write alone and keeps what it changes in the pod's timeline in memory until a flush, which
/// writes each changed timeline once with all its changes; a read through the API flushes first.
/// </summary>
public sealed class PodHistoryRecorderFlushTests
{
    static readonly ResourceDefinition Pods = ResourceCatalog.Create(history: true).Find("", "v1", "pods")!;
    const string PodKey = "/registry/pods/default/web";
    const string TimelineKey = "/registry/podlife.dev/podtimelines/default/web";

    /// <summary>A memory store that records each transaction's keys and counts reads (a hand-written fake).</summary>
    sealed class RecordingStore : MemoryStoreFake
    {
        public List<string[]> Transactions { get; } = [];
        public int Gets { get; private set; }

        public override async ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default)
        {
            var timeline = writes.Any(w => w.Key == TimelineKey);
            if (timeline && HoldTimelineWrites is { } hold) await hold.Task;
            Transactions.Add([.. writes.Select(w => w.Key)]);
            if (timeline && FailTimelineWrite)
            {
                FailTimelineWrite = false;
                throw new StoreUnavailableException("the store cannot be reached");
            }
            var written = await base.WriteAsync(writes, ct);
            if (writes.Any(w => w.Key == PodKey) && HoldPodAnswers is { } held)
            {
                HoldPodAnswers = null;
                PodCommitted.TrySetResult();
                await held.Task;
            }
            return written;
        }

        /// <summary>When set, holds the answer to the next pod write, committed, until completed (<see cref="PodCommitted"/> says when it is).</summary>
        public TaskCompletionSource? HoldPodAnswers { get; set; }

        public TaskCompletionSource PodCommitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default)
        {
            Gets++;
            return base.GetAsync(key, ct);
        }

        /// <summary>Fails the next timeline write (as a store that cannot be reached) when set.</summary>
        public bool FailTimelineWrite { get; set; }

        /// <summary>Holds timeline writes until completed, when set.</summary>
        public TaskCompletionSource? HoldTimelineWrites { get; set; }

        // The recorder writes transactions only: a single-key write would escape what this store records.
        public override ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => throw new NotSupportedException("single-key create");
        public override ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) => throw new NotSupportedException("single-key update");
        public override ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => throw new NotSupportedException("single-key delete");
    }

    static JsonObject Pod(string phase) => JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-1","creationTimestamp":"2026-11-01T12:00:00Z"},
         "spec":{"containers":[{"name":"app","image":"nginx"}]},"status":{"phase":"{{{phase}}}"}}
        """)!.AsObject();

    static byte[] Bytes(JsonObject o) => ObjectCodec.Utf8(o);

    static readonly ResourceDefinition Events = ResourceCatalog.Create(history: true).Find("", "v1", "events")!;

    static Task<KeyValue> PulledAsync(PodHistoryRecorder recorder)
    {
        var ev = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},"involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"u-1"},
             "reason":"Pulled","message":"Container image \"nginx\" already present on machine","count":1,"type":"Normal","lastTimestamp":"2026-11-01T12:00:00Z"}
            """)!.AsObject();
        return recorder.WriteAsync(Events, null, ev, StoreWrite.Create("/registry/events/default/web.1", Bytes(ev)), Ct);
    }

    // The timeline's Running phase and Pulled event entries, in the timeline's order.
    static string[] RunningAndPulled(PodTimeline timeline) =>
        [.. timeline.Entries.Where(e => e.To == "Running" || e.Name == "Pulled").Select(e => e.Name == "Pulled" ? "Pulled" : "Running")];

    static PodTimeline Timeline(KeyValue kv) => PodTimelineJson.FromJson(JsonNode.Parse(kv.Value)!.AsObject());

    static readonly ResourceDefinition Timelines = PodTimelineResource.Definition;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static PodHistoryRecorder Recorder(IStore store, string now = "2026-11-01T12:00:00Z") =>
        new(store, new FakeTimeProvider(DateTimeOffset.Parse(now)), new HistoryOptions());

    // A recorder to run (RunAsync), flushing every interval.
    static PodHistoryRecorder Flushing(IStore store, int intervalMs) =>
        new(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T12:00:00Z")), new HistoryOptions { FlushInterval = TimeSpan.FromMilliseconds(intervalMs) });

    static Task<KeyValue> CreateAsync(PodHistoryRecorder recorder, JsonObject pod) =>
        recorder.WriteAsync(Pods, null, pod, StoreWrite.Create(PodKey, Bytes(pod)), Ct);

    static Task<KeyValue> RunAsync(PodHistoryRecorder recorder, long revision) =>
        recorder.WriteAsync(Pods, Pod("Pending"), Pod("Running"), StoreWrite.Update(PodKey, Bytes(Pod("Running")), revision), Ct);

    async Task<PodTimeline?> StoredTimelineAsync(RecordingStore store) =>
        await store.GetAsync(TimelineKey, Ct) is { } kv ? Timeline(kv) : null;

    [Fact]
    public async Task APodsWritesGoAloneAndTheFlushWritesItsTimelineOnceWithAllTheirChangesWithoutARead()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);

        var created = await CreateAsync(recorder, Pod("Pending"));
        var updated = await RunAsync(recorder, created.ModRevision);
        Assert.Equal([[PodKey], [PodKey]], store.Transactions);
        Assert.Equal(PodKey, updated.Key);
        Assert.Equal(1, recorder.PendingTimelines);

        await recorder.FlushAsync(Ct);

        Assert.Equal([[PodKey], [PodKey], [TimelineKey]], store.Transactions);
        Assert.Equal(0, store.Gets); // a new pod has a new timeline
        Assert.Equal(0, recorder.PendingTimelines);
        var timeline = (await StoredTimelineAsync(store))!;
        Assert.Equal("u-1", timeline.PodUid);
        Assert.Equal(["Pending", "Running"], timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Phase).Select(e => e.To));
        await recorder.FlushAsync(Ct);
        Assert.Equal(3, store.Transactions.Count); // nothing waits: nothing written
    }

    [Fact]
    public async Task AReadThroughTheApiWritesWhatWaitsForThatTimelineFirst()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        await CreateAsync(recorder, Pod("Pending"));

        await recorder.SettleAsync(Pods, "default", "web", Ct);
        await recorder.SettleAsync(Timelines, "default", "other", Ct);
        Assert.Null(await StoredTimelineAsync(store)); // reads of pods, and of another timeline, write nothing
        await recorder.SettleAsync(Timelines, "default", "web", Ct);

        Assert.Equal("u-1", (await StoredTimelineAsync(store))!.PodUid);
        Assert.Equal(0, recorder.PendingTimelines);
    }

    [Fact]
    public async Task ARefusedPodWriteRecordsNothing()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Pending"));
        await recorder.FlushAsync(Ct);
        var before = await store.GetAsync(TimelineKey, Ct);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(recorder, created.ModRevision + 100));
        await recorder.FlushAsync(Ct);

        Assert.Equal(PodKey, conflict.Key);
        Assert.Equal(0, recorder.PendingTimelines);
        var after = await store.GetAsync(TimelineKey, Ct);
        Assert.Equal(before!.ModRevision, after!.ModRevision);
        Assert.DoesNotContain(Timeline(after).Entries, e => e.To == "Running");
    }

    [Fact]
    public async Task ATimelineChangedElsewhereIsReadAgainAndTheWriteStillRecorded()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Pending"));
        await recorder.FlushAsync(Ct);
        // Another server rewrites the timeline behind this recorder's cache.
        var stored = (await store.GetAsync(TimelineKey, Ct))!;
        await store.Inner.UpdateAsync(TimelineKey, stored.Value, stored.ModRevision, Ct);

        await RunAsync(recorder, created.ModRevision);
        await recorder.FlushAsync(Ct);

        Assert.Equal("Running", ObjectCodec.As<k8s.Models.V1Pod>((await store.GetAsync(PodKey, Ct))!.Value).Status.Phase);
        Assert.Contains((await StoredTimelineAsync(store))!.Entries, e => e.To == "Running");
        // the create, its timeline, the update, the refused timeline write, the retry
        Assert.Equal([[PodKey], [TimelineKey], [PodKey], [TimelineKey], [TimelineKey]], store.Transactions);
    }

    [Fact]
    public async Task ANewPodWithTheNameOfAnEarlierOneReplacesItsTimelineAfterOneRefusedAttempt()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Running"));
        await recorder.WriteAsync(Pods, Pod("Running"), null, StoreWrite.Delete(PodKey, created.ModRevision), Ct);
        await recorder.FlushAsync(Ct);
        Assert.NotNull((await StoredTimelineAsync(store))!.PodDeletedAt);
        // Another server's recorder, whose memory holds nothing of the first pod.
        var other = Recorder(store, "2026-11-01T13:00:00Z");
        var second = Pod("Pending");
        second.Metadata()["uid"] = "u-2";
        var gets = store.Gets;

        await CreateAsync(other, second);
        await other.FlushAsync(Ct);
        Assert.Equal(1, store.Gets - gets); // after the refused create

        var timeline = (await StoredTimelineAsync(store))!;
        Assert.Equal("u-2", timeline.PodUid);
        Assert.Null(timeline.PodDeletedAt);
        // the first pod's create, delete and timeline (one write for both); the second's create, the refused timeline
        // create (one existed) and the update after reading it
        Assert.Equal([[PodKey], [PodKey], [TimelineKey], [PodKey], [TimelineKey], [TimelineKey]], store.Transactions);
    }

    [Fact]
    public async Task AStoreThatFailsKeepsTheChangesForTheNextFlushBeforeLaterOnes()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Pending"));
        store.FailTimelineWrite = true;

        await recorder.FlushAsync(Ct);
        Assert.Null(await StoredTimelineAsync(store));
        Assert.Equal(1, recorder.PendingTimelines);
        await RunAsync(recorder, created.ModRevision);
        await recorder.FlushAsync(Ct);

        var timeline = (await StoredTimelineAsync(store))!;
        Assert.Equal(["Pending", "Running"], timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Phase).Select(e => e.To));
        Assert.Equal("Running", timeline.Current!.Phase);
    }

    [Fact]
    public async Task AChangeMadeWhileAFlushWritesWaitsForTheNextOne()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Pending"));
        store.HoldTimelineWrites = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var flushing = recorder.FlushAsync(Ct);
        await RunAsync(recorder, created.ModRevision); // the pod's write does not wait for its timeline's
        Assert.False(flushing.IsCompleted);
        store.HoldTimelineWrites.SetResult();
        await flushing;
        Assert.DoesNotContain((await StoredTimelineAsync(store))!.Entries, e => e.To == "Running");
        await recorder.FlushAsync(Ct);

        Assert.Contains((await StoredTimelineAsync(store))!.Entries, e => e.To == "Running");
        Assert.Equal(0, recorder.PendingTimelines);
    }

    [Fact]
    public async Task AReadWaitsForAWriteOfThePodStillCommittingAndTheChangesGoInCommitOrder()
    {
        var store = new RecordingStore();
        var recorder = Recorder(store);
        var created = await CreateAsync(recorder, Pod("Pending"));
        await recorder.FlushAsync(Ct);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.HoldPodAnswers = hold;

        var running = RunAsync(recorder, created.ModRevision);
        await store.PodCommitted.Task.WaitAsync(Ct);
        // The event's write does not wait for the pod's: committed after it, its change is queued first.
        await PulledAsync(recorder).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var reading = recorder.SettleAsync(Timelines, "default", "web", Ct);
        await Task.Delay(100, Ct);
        Assert.False(reading.IsCompleted);
        store.Transactions.Clear();
        hold.SetResult();
        await running;
        await reading;

        Assert.Equal(["Running", "Pulled"], RunningAndPulled((await StoredTimelineAsync(store))!));
        Assert.Equal([[TimelineKey]], store.Transactions); // one write, with both changes
    }

    [Fact]
    public async Task TheRunningRecorderLeavesATimelineAloneWhileAWriteOfItsPodCommits()
    {
        var store = new RecordingStore();
        var recorder = Flushing(store, 10);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var flushes = recorder.RunAsync(stop.Token);
        var created = await CreateAsync(recorder, Pod("Pending"));
        for (var i = 0; i < 500 && await StoredTimelineAsync(store) is null; i++) await Task.Delay(10, Ct);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.HoldPodAnswers = hold;

        var running = RunAsync(recorder, created.ModRevision);
        await store.PodCommitted.Task.WaitAsync(Ct);
        await PulledAsync(recorder).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Task.Delay(200, Ct); // twenty intervals
        Assert.Empty(RunningAndPulled((await StoredTimelineAsync(store))!)); // the event's change waits for the pod's
        hold.SetResult();
        await running;
        for (var i = 0; i < 500 && RunningAndPulled((await StoredTimelineAsync(store))!).Length < 2; i++) await Task.Delay(10, Ct);

        Assert.Equal(["Running", "Pulled"], RunningAndPulled((await StoredTimelineAsync(store))!));
        Assert.Equal(0, recorder.PendingTimelines);
        await stop.CancelAsync();
        await flushes;
    }

    [Fact]
    public async Task RunningTheRecorderWritesAChangeAnIntervalAfterItCameAndTriesAFailedWriteAgain()
    {
        var store = new RecordingStore();
        var recorder = Flushing(store, 20);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = recorder.RunAsync(stop.Token);
        store.FailTimelineWrite = true;

        await CreateAsync(recorder, Pod("Pending"));
        for (var i = 0; i < 500 && await StoredTimelineAsync(store) is null; i++) await Task.Delay(10, Ct);

        // the first write failed; with no new change, the next flush wrote it
        Assert.Equal([[PodKey], [TimelineKey], [TimelineKey]], store.Transactions);
        Assert.Equal("u-1", (await StoredTimelineAsync(store))!.PodUid);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task ATimelineStoredDamagedLosesTheChangesNotTheFlush()
    {
        var store = new RecordingStore();
        await store.Inner.CreateAsync(TimelineKey, "not json"u8.ToArray(), Ct);
        var created = await store.Inner.CreateAsync(PodKey, Bytes(Pod("Pending")), Ct);
        var recorder = Recorder(store);

        await RunAsync(recorder, created.ModRevision);
        await recorder.FlushAsync(Ct);

        Assert.Equal(0, recorder.PendingTimelines);
        Assert.Equal("not json", System.Text.Encoding.UTF8.GetString((await store.GetAsync(TimelineKey, Ct))!.Value));
    }
}
