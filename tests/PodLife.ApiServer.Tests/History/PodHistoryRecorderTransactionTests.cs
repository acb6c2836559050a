using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;
using PodLife.Store.Memory;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The recorder writes a pod's timeline in the pod write's own store transaction: one commit, all or none.</summary>
public sealed class PodHistoryRecorderTransactionTests
{
    static readonly ResourceDefinition Pods = ResourceCatalog.Create(history: true).Find("", "v1", "pods")!;
    const string PodKey = "/registry/pods/default/web";
    const string TimelineKey = "/registry/podlife.dev/podtimelines/default/web";

    /// <summary>A memory store that records each transaction's keys and counts reads (a hand-written fake).</summary>
    sealed class RecordingStore : IStore
    {
        readonly MemoryStore _inner = new();
        public List<string[]> Transactions { get; } = [];
        public int Gets { get; private set; }

        public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default)
        {
            Transactions.Add([.. writes.Select(w => w.Key)]);
            return _inner.WriteAsync(writes, ct);
        }

        public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default)
        {
            Gets++;
            return _inner.GetAsync(key, ct);
        }

        public MemoryStore Inner => _inner;
        public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => _inner.CurrentRevisionAsync(ct);
        public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) => _inner.ListAsync(prefix, options, ct);
        public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => throw new NotSupportedException("single-key create");
        public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) => throw new NotSupportedException("single-key update");
        public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => throw new NotSupportedException("single-key delete");
        public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default) => _inner.WatchAsync(prefix, afterRevision, ct);
        public ValueTask CompactAsync(long revision, CancellationToken ct = default) => _inner.CompactAsync(revision, ct);
        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    static JsonObject Pod(string phase) => JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-1","creationTimestamp":"2026-11-01T12:00:00Z"},
         "spec":{"containers":[{"name":"app","image":"nginx"}]},"status":{"phase":"{{{phase}}}"}}
        """)!.AsObject();

    static byte[] Bytes(JsonObject o) => ObjectCodec.Utf8(o);

    static PodTimeline Timeline(KeyValue kv) => PodTimelineJson.FromJson(JsonNode.Parse(kv.Value)!.AsObject());

    [Fact]
    public async Task APodCreateAndItsTimelineAreOneTransactionAndAStatusWriteNeedsNoRead()
    {
        var store = new RecordingStore();
        var recorder = new PodHistoryRecorder(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T12:00:00Z")), new HistoryOptions());

        var created = await recorder.WriteAsync(Pods, null, Pod("Pending"), StoreWrite.Create(PodKey, Bytes(Pod("Pending"))), TestContext.Current.CancellationToken);
        var updated = await recorder.WriteAsync(Pods, Pod("Pending"), Pod("Running"), StoreWrite.Update(PodKey, Bytes(Pod("Running")), created.ModRevision), TestContext.Current.CancellationToken);

        Assert.Equal([[PodKey, TimelineKey], [PodKey, TimelineKey]], store.Transactions);
        Assert.Equal(0, store.Gets); // a new pod has a new timeline; the second write uses the one in memory
        Assert.Equal(PodKey, updated.Key);
        var timeline = Timeline((await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken))!);
        Assert.Equal("u-1", timeline.PodUid);
        Assert.Contains(timeline.Entries, e => e.To == "Running");
    }

    [Fact]
    public async Task ARefusedPodWriteLeavesTheTimelineAsItWas()
    {
        var store = new RecordingStore();
        var recorder = new PodHistoryRecorder(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T12:00:00Z")), new HistoryOptions());
        var created = await recorder.WriteAsync(Pods, null, Pod("Pending"), StoreWrite.Create(PodKey, Bytes(Pod("Pending"))), TestContext.Current.CancellationToken);
        var before = await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            recorder.WriteAsync(Pods, Pod("Pending"), Pod("Running"), StoreWrite.Update(PodKey, Bytes(Pod("Running")), created.ModRevision + 100), TestContext.Current.CancellationToken));

        Assert.Equal(PodKey, conflict.Key);
        var after = await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken);
        Assert.Equal(before!.ModRevision, after!.ModRevision);
        Assert.DoesNotContain(Timeline(after).Entries, e => e.To == "Running");
    }

    [Fact]
    public async Task ATimelineChangedElsewhereIsReadAgainAndTheWriteStillRecorded()
    {
        var store = new RecordingStore();
        var recorder = new PodHistoryRecorder(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T12:00:00Z")), new HistoryOptions());
        var created = await recorder.WriteAsync(Pods, null, Pod("Pending"), StoreWrite.Create(PodKey, Bytes(Pod("Pending"))), TestContext.Current.CancellationToken);
        // Another server rewrites the timeline behind this recorder's cache.
        var stored = (await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken))!;
        await store.Inner.UpdateAsync(TimelineKey, stored.Value, stored.ModRevision, TestContext.Current.CancellationToken);

        await recorder.WriteAsync(Pods, Pod("Pending"), Pod("Running"), StoreWrite.Update(PodKey, Bytes(Pod("Running")), created.ModRevision), TestContext.Current.CancellationToken);

        Assert.Equal("Running", ObjectCodec.As<k8s.Models.V1Pod>((await store.GetAsync(PodKey, TestContext.Current.CancellationToken))!.Value).Status.Phase);
        Assert.Contains(Timeline((await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken))!).Entries, e => e.To == "Running");
        Assert.Equal(3, store.Transactions.Count); // the create, the refused attempt, the retry
    }

    [Fact]
    public async Task ANewPodWithTheNameOfAnEarlierOneReplacesItsTimelineAfterOneRefusedAttempt()
    {
        var store = new RecordingStore();
        var recorder = new PodHistoryRecorder(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T12:00:00Z")), new HistoryOptions());
        var created = await recorder.WriteAsync(Pods, null, Pod("Running"), StoreWrite.Create(PodKey, Bytes(Pod("Running"))), TestContext.Current.CancellationToken);
        await recorder.WriteAsync(Pods, Pod("Running"), null, StoreWrite.Delete(PodKey, created.ModRevision), TestContext.Current.CancellationToken);
        // Another server's recorder, whose memory holds nothing of the first pod.
        var other = new PodHistoryRecorder(store, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T13:00:00Z")), new HistoryOptions());
        var second = Pod("Pending");
        second.Metadata()["uid"] = "u-2";

        await other.WriteAsync(Pods, null, second, StoreWrite.Create(PodKey, Bytes(second)), TestContext.Current.CancellationToken);

        var timeline = Timeline((await store.GetAsync(TimelineKey, TestContext.Current.CancellationToken))!);
        Assert.Equal("u-2", timeline.PodUid);
        Assert.Null(timeline.PodDeletedAt);
        Assert.Equal(PodKey, store.Transactions[^2][0]); // the refused attempt: the timeline existed
        Assert.Equal(PodKey, store.Transactions[^1][0]);
        Assert.Equal(4, store.Transactions.Count); // create, delete, the refused attempt, the retry
    }
}
