using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>
/// The retention sweep looks only at deleted pods' timelines, learnt from this server's writes, one scan at start-up and
/// a watch of other servers' writes; the store has the last word on each before it is deleted.
/// </summary>
public sealed class PodHistoryRecorderSweepTests
{
    static readonly ResourceDefinition Pods = ResourceCatalog.Create(history: true).Find("", "v1", "pods")!;
    static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-01T12:00:00Z");
    static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A memory store that counts the reads of timelines (a hand-written fake).</summary>
    sealed class CountingStore : MemoryStoreFake
    {
        public int TimelineGets { get; private set; }
        public int TimelineLists { get; private set; }

        static bool IsTimeline(string key) => key.StartsWith("/registry/podlife.dev/podtimelines/", StringComparison.Ordinal);

        public override ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default)
        {
            if (IsTimeline(key)) TimelineGets++;
            return base.GetAsync(key, ct);
        }

        public override ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
        {
            if (IsTimeline(prefix)) TimelineLists++;
            return base.ListAsync(prefix, options, ct);
        }
    }

    static JsonObject Pod(string name, string uid = "") => JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default","uid":"{{{(uid.Length > 0 ? uid : "u-" + name)}}}","creationTimestamp":"2026-11-01T12:00:00Z"},
         "spec":{"containers":[{"name":"app","image":"nginx"}]},"status":{"phase":"Running"}}
        """)!.AsObject();

    static string PodKey(string name) => $"/registry/pods/default/{name}";

    static string TimelineKey(string name) => $"/registry/podlife.dev/podtimelines/default/{name}";

    // A recorder of the day's retention: one per API server sharing the store.
    static PodHistoryRecorder Recorder(IStore store, TimeProvider clock) => new(store, clock, new HistoryOptions { Retention = Retention });

    // Each write is flushed, as when the writes come further apart than the recorder's flush interval.
    static async Task<long> CreateAsync(PodHistoryRecorder recorder, string name, string uid = "")
    {
        var pod = Pod(name, uid);
        var created = await recorder.WriteAsync(Pods, null, pod, StoreWrite.Create(PodKey(name), ObjectCodec.Utf8(pod)), Ct);
        await recorder.FlushAsync(Ct);
        return created.ModRevision;
    }

    static async Task DeleteAsync(PodHistoryRecorder recorder, string name, long revision, string uid = "")
    {
        await recorder.WriteAsync(Pods, Pod(name, uid), null, StoreWrite.Delete(PodKey(name), revision), Ct);
        await recorder.FlushAsync(Ct);
    }

    static async Task<PodTimeline?> TimelineAsync(IStore store, string name) =>
        await store.GetAsync(TimelineKey(name), Ct) is { } kv ? PodTimelineJson.FromJson(JsonNode.Parse(kv.Value)!.AsObject()) : null;

    [Fact]
    public async Task ASweepReadsOnlyTheTimelinesOfDeletedPodsAndListsThemOnlyOnce()
    {
        var store = new CountingStore();
        var clock = new FakeTimeProvider(T0);
        var recorder = Recorder(store, clock);
        for (var i = 0; i < 50; i++) await CreateAsync(recorder, $"live-{i}");
        foreach (var name in new[] { "gone-1", "gone-2" }) await DeleteAsync(recorder, name, await CreateAsync(recorder, name));

        Assert.Equal(0, await recorder.SweepAsync(Ct)); // the start-up scan: every timeline once
        clock.Advance(Retention);
        var gets = store.TimelineGets;
        Assert.Equal(2, await recorder.SweepAsync(Ct));
        Assert.Equal(0, await recorder.SweepAsync(Ct));

        Assert.Equal(1, store.TimelineLists);
        Assert.Equal(2, store.TimelineGets - gets); // the two due, read once more before deleting them; no live pod's
        Assert.Null(await TimelineAsync(store, "gone-1"));
        Assert.Null(await TimelineAsync(store, "gone-2"));
        Assert.NotNull(await TimelineAsync(store, "live-0"));
        Assert.Equal(0, recorder.DeletedTimelines);
    }

    [Fact]
    public async Task AServerStartedAfterThePodWasDeletedSweepsItsTimelineFromItsStartUpScan()
    {
        var store = new CountingStore();
        var clock = new FakeTimeProvider(T0);
        var before = Recorder(store, clock);
        await DeleteAsync(before, "web", await CreateAsync(before, "web"));
        var restarted = Recorder(store, clock);

        clock.Advance(Retention - TimeSpan.FromTicks(1));
        Assert.Equal(0, await restarted.SweepAsync(Ct));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, await restarted.SweepAsync(Ct));
        Assert.Null(await TimelineAsync(store, "web"));
    }

    [Fact]
    public async Task APodRecreatedByAnotherServerKeepsItsTimelineWhenItsPredecessorsExpires()
    {
        var store = new CountingStore();
        var clock = new FakeTimeProvider(T0);
        var here = Recorder(store, clock);
        await DeleteAsync(here, "web", await CreateAsync(here, "web"));
        clock.Advance(TimeSpan.FromHours(1));
        var other = Recorder(store, clock);
        await CreateAsync(other, "web", "u-2");

        clock.Advance(Retention);
        Assert.Equal(0, await here.SweepAsync(Ct));

        var timeline = await TimelineAsync(store, "web");
        Assert.Equal(("u-2", (DateTimeOffset?)null), (timeline!.PodUid, timeline.PodDeletedAt));
        Assert.Equal(0, here.DeletedTimelines); // read once, found live, forgotten
    }

    [Fact]
    public async Task APodDeletedAgainLaterIsSweptOnTheLaterDeletion()
    {
        var store = new CountingStore();
        var clock = new FakeTimeProvider(T0);
        var here = Recorder(store, clock);
        await DeleteAsync(here, "web", await CreateAsync(here, "web"));
        clock.Advance(TimeSpan.FromHours(1));
        var other = Recorder(store, clock);
        await DeleteAsync(other, "web", await CreateAsync(other, "web", "u-2"), "u-2");

        clock.Advance(Retention - TimeSpan.FromHours(1));
        Assert.Equal(0, await here.SweepAsync(Ct));
        Assert.Equal("u-2", (await TimelineAsync(store, "web"))!.PodUid);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await here.SweepAsync(Ct));
    }

    [Fact]
    public async Task ATimelineAnotherServerMarksDeletedWhileThisOneRunsIsSweptByThisOne()
    {
        var store = new CountingStore();
        var clock = new FakeTimeProvider(T0);
        var here = Recorder(store, clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = here.RunAsync(stop.Token);
        Assert.Equal(0, await here.SweepAsync(Ct)); // after the start-up scan
        var other = Recorder(store, clock);
        await DeleteAsync(other, "web", await CreateAsync(other, "web"));

        // This server hears of the deletion by its watch of the store, not by a scan.
        var lists = store.TimelineLists;
        for (var i = 0; i < 500 && here.DeletedTimelines == 0; i++) await Task.Delay(10, Ct);
        Assert.Equal(1, here.DeletedTimelines);
        clock.Advance(Retention);
        for (var i = 0; i < 500 && await store.GetAsync(TimelineKey("web"), Ct) is not null; i++) await Task.Delay(10, Ct);

        Assert.Null(await TimelineAsync(store, "web"));
        Assert.Equal(lists, store.TimelineLists);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task ARecorderCachingFewTimelinesKeepsTheOnesWrittenAgainAndReadsBackAnEvictedOne()
    {
        var store = new CountingStore();
        var recorder = new PodHistoryRecorder(store, new FakeTimeProvider(T0), new HistoryOptions { CachedTimelines = 3 });
        var revisions = new Dictionary<string, long>();
        async Task WriteAsync(string name, string phase)
        {
            var (old, current) = (Pod(name), Pod(name));
            current["status"]!["phase"] = phase;
            revisions[name] = (await recorder.WriteAsync(Pods, old, current, StoreWrite.Update(PodKey(name), ObjectCodec.Utf8(current), revisions[name]), Ct)).ModRevision;
            await recorder.FlushAsync(Ct);
        }
        foreach (var name in new[] { "a", "b", "c", "d" }) revisions[name] = await CreateAsync(recorder, name); // d takes a's place
        await WriteAsync("b", "Succeeded"); // b is written again: it stays
        revisions["e"] = await CreateAsync(recorder, "e"); // makes room: c, the oldest not written since

        foreach (var name in new[] { "b", "d", "e" }) await WriteAsync(name, "Failed");
        Assert.Equal(0, store.TimelineGets);
        await WriteAsync("c", "Failed");
        Assert.Equal(1, store.TimelineGets);
        Assert.Contains((await TimelineAsync(store, "c"))!.Entries, e => e.To == "Failed");
    }
}
