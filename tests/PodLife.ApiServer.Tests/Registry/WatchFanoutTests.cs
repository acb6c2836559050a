using System.Text;
using System.Threading.Channels;
using PodLife.ApiServer.Registry;
using PodLife.Store;
using PodLife.Store.Memory;

namespace PodLife.ApiServer.Tests.Registry;

// The shared watch of a resource hands each change only to the watches that can match it (kube-apiserver's watch cache
// triggers): a node's pod watch gets its pods' changes, including a pod bound to it, and no other node's.
public sealed class WatchFanoutTests : IAsyncDisposable
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly MemoryStore _store = new();
    readonly ResourceStorage _storage;
    readonly ResourceDefinition _pods;

    public WatchFanoutTests()
    {
        _storage = new ResourceStorage(_store, ResourceCatalog.Create(), TimeProvider.System);
        _pods = _storage.Catalog.Find("", "v1", "pods")!;
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    static byte[] Pod(string name, string? node, string step = "") =>
        Encoding.UTF8.GetBytes("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"labels\":{\"step\":\"" + step + "\"}},"
            + "\"spec\":{" + (node is null ? "" : "\"nodeName\":\"" + node + "\"") + "}}");

    static string Key(string name) => "/registry/pods/default/" + name;

    async Task<long> CreateAsync(string name, string? node) => (await _store.CreateAsync(Key(name), Pod(name, node), Ct)).ModRevision;

    async Task<long> UpdateAsync(string name, string? node, string step = "")
    {
        var current = await _store.GetAsync(Key(name), Ct);
        return (await _store.UpdateAsync(Key(name), Pod(name, node, step), current!.ModRevision, Ct)).ModRevision;
    }

    async Task<long> DeleteAsync(string name)
    {
        var current = await _store.GetAsync(Key(name), Ct);
        return (await _store.DeleteAsync(Key(name), current!.ModRevision, Ct)).ModRevision;
    }

    ListRequest Request(string? fieldSelector, string? labelSelector = null, long? after = null, int? limit = null, string? continueToken = null) =>
        ListRequest.Parse(q => q switch
        {
            "fieldSelector" => fieldSelector,
            "labelSelector" => labelSelector,
            "limit" => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "continue" => continueToken,
            "resourceVersion" => after?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        }, _pods);

    ValueTask<WatchSubscription> SubscribeAsync(string? fieldSelector, long after) =>
        _storage.Fanouts.SubscribeAsync(_pods, _pods.KeyPrefix(""), WatchRoute.Of(_pods, Request(fieldSelector)), after, Ct);

    static async Task<List<RoutedChange>> TakeAsync(ChannelReader<RoutedChange> reader, int count)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Patience);
        var taken = new List<RoutedChange>();
        while (taken.Count < count) taken.Add(await reader.ReadAsync(cts.Token));
        return taken;
    }

    static List<RoutedChange> Drain(ChannelReader<RoutedChange> reader)
    {
        var drained = new List<RoutedChange>();
        while (reader.TryRead(out var change)) drained.Add(change);
        return drained;
    }

    // A list whose selector pins spec.nodeName is decided from the stored bytes, as the watch's routing is; with a label
    // selector too, from the decoded object.
    [Theory]
    [InlineData("spec.nodeName=n1", null, null, "a,d")]
    [InlineData("spec.nodeName=n1", null, 1, "a|d")]
    [InlineData("spec.nodeName=", null, null, "c")]
    [InlineData("spec.nodeName=n1", "step=x", null, "d")]
    [InlineData("metadata.name=b", null, null, "b")]
    public async Task ANodesPodListHasItsPodsAndNoOthers(string fields, string? labels, int? limit, string expected)
    {
        await CreateAsync("a", "n1");
        await CreateAsync("b", "n2");
        await CreateAsync("c", null);
        await CreateAsync("d", "n1");
        await UpdateAsync("d", "n1", "x");
        var pages = new List<string>();
        string? token = null;
        do
        {
            var page = await _storage.ListAsync(_pods, "", Request(fields, labels, limit: limit, continueToken: token), Ct);
            pages.Add(string.Join(',', page.Items.Select(i => WatchRoute.NameOf(i.Kv!.Key))));
            token = page.Continue;
        }
        while (token is not null);
        Assert.Equal(expected, string.Join('|', pages));
    }

    [Fact]
    public async Task ANodesWatchIsHandedOnlyItsPodsChangesIncludingTheBindingThatBringsAPodToIt()
    {
        var start = await _store.CurrentRevisionAsync(Ct);
        using var n1 = await SubscribeAsync("spec.nodeName=n1", start);
        using var n2 = await SubscribeAsync("spec.nodeName=n2", start);
        using var unscheduled = await SubscribeAsync("spec.nodeName=", start);
        using var everything = await SubscribeAsync(null, start);

        var created = await CreateAsync("a", null);
        var onN2 = await CreateAsync("b", "n2");
        var bound = await UpdateAsync("a", "n1");
        var updatedB = await UpdateAsync("b", "n2", "x");
        var deleted = await DeleteAsync("a");

        // The unfiltered watch gets every change; once it has the last, every change has been routed.
        var all = await TakeAsync(everything.Changes, 5);
        Assert.Equal([created, onN2, bound, updatedB, deleted], all.Select(c => c.Event.Revision));
        Assert.Equal([bound, deleted], Drain(n1.Changes).Select(c => c.Event.Revision));
        Assert.Equal([onN2, updatedB], Drain(n2.Changes).Select(c => c.Event.Revision));
        // The scheduler's kind of watch: the pod while unbound, and its binding (which takes it out of the selection).
        Assert.Equal([created, bound], Drain(unscheduled.Changes).Select(c => c.Event.Revision));
    }

    // `podlife up`'s simulated nodes share one unfiltered pod watch: no change's node names are read until a kubelet's
    // watch (routed by spec.nodeName) joins, which then gets every later change of its pods, the binding included.
    [Fact]
    public async Task NodeNamesAreReadOnlyWhileAWatchIsRoutedByOneAndSuchAWatchJoiningLaterMissesNothing()
    {
        var start = await _store.CurrentRevisionAsync(Ct);
        using var everything = await SubscribeAsync(null, start);
        await CreateAsync("a", "n1");
        await CreateAsync("b", null);
        var before = await TakeAsync(everything.Changes, 2);
        Assert.All(before, c => Assert.Null(c.NodeName));

        using (var n1 = await SubscribeAsync("spec.nodeName=n1", await _store.CurrentRevisionAsync(Ct)))
        {
            var updatedA = await UpdateAsync("a", "n1", "x");
            var boundB = await UpdateAsync("b", "n1");
            var during = await TakeAsync(everything.Changes, 2);
            Assert.Equal([("n1", "n1"), ("n1", "")], during.Select(c => (c.NodeName, c.PreviousNodeName)));
            Assert.Equal([updatedA, boundB], (await TakeAsync(n1.Changes, 2)).Select(c => c.Event.Revision));
        }

        await UpdateAsync("b", "n1", "y");
        Assert.Null((await TakeAsync(everything.Changes, 1))[0].NodeName);
    }

    [Fact]
    public async Task AWatchByNameIsHandedOnlyThatObjectsChanges()
    {
        var start = await _store.CurrentRevisionAsync(Ct);
        using var named = await SubscribeAsync("metadata.name=b", start);
        using var everything = await SubscribeAsync(null, start);

        await CreateAsync("a", null);
        var b = await CreateAsync("b", null);
        await UpdateAsync("a", "n1");
        var bBound = await UpdateAsync("b", "n1");

        await TakeAsync(everything.Changes, 4);
        Assert.Equal([b, bBound], Drain(named.Changes).Select(c => c.Event.Revision));
    }

    [Fact]
    public async Task ANodesWatchSeesAPodArriveAsAddedAndLeaveAsDeleted()
    {
        await CreateAsync("other", "n2");
        var start = await _store.CurrentRevisionAsync(Ct);
        var events = _storage.WatchAsync(_pods, "", Request("spec.nodeName=n1", after: start), Ct).GetAsyncEnumerator(Ct);
        var first = events.MoveNextAsync(); // joins the fan-out

        await CreateAsync("p", null);
        await UpdateAsync("other", "n2", "x");
        var bound = await UpdateAsync("p", "n1");
        var updated = await UpdateAsync("p", "n1", "running");
        var moved = await UpdateAsync("p", "n3");
        var back = await UpdateAsync("p", "n1");
        var deleted = await DeleteAsync("p");

        var seen = new List<(string, long)>();
        Assert.True(await first.AsTask().WaitAsync(Patience, Ct));
        seen.Add((events.Current.Type, events.Current.Revision));
        while (seen.Count < 5 && await events.MoveNextAsync().AsTask().WaitAsync(Patience, Ct)) seen.Add((events.Current.Type, events.Current.Revision));
        await events.DisposeAsync();

        Assert.Equal([("ADDED", bound), ("MODIFIED", updated), ("DELETED", moved), ("ADDED", back), ("DELETED", deleted)], seen);
    }

    [Fact]
    public async Task ManyWatchesFromManyResourceVersionsEachSeeTheirChangesInOrderWithoutGaps()
    {
        const int Nodes = 6, PodsCount = 30;
        var changes = new List<(long Revision, WatchEventType Type, string Pod, string? Before, string? Now)>();
        var watches = new List<(string? Node, long After, Task<List<(string, long)>> Seen)>();
        // Each watch reads up to the last change it can see (the pod created last on its node, or the last of all) and stops
        // at a sentinel change made after it.
        var stopAt = new TaskCompletionSource<Dictionary<string, long>>();

        void Watch(string? node, long after)
        {
            var request = Request(node is null ? null : "spec.nodeName=" + node, after: after);
            watches.Add((node, after, Task.Run(async () =>
            {
                var seen = new List<(string, long)>();
                await foreach (var item in _storage.WatchAsync(_pods, "", request, Ct))
                {
                    // A sentinel: made once the last changes are known, since a watch may read its last change before
                    // that and would then wait for one more.
                    if (stopAt.Task.IsCompleted && item.Revision > stopAt.Task.Result[node ?? ""]) break;
                    seen.Add((item.Type, item.Revision));
                }
                return seen;
            }, Ct)));
        }

        async Task Change(WatchEventType type, string pod, string? before, string? now) =>
            changes.Add((type switch
            {
                WatchEventType.Added => await CreateAsync(pod, now == "" ? null : now),
                WatchEventType.Modified => await UpdateAsync(pod, now),
                _ => await DeleteAsync(pod),
            }, type, pod, before, now));

        await CreateAsync("before", null); // resourceVersion 0 would ask for a list first
        var origin = await _store.CurrentRevisionAsync(Ct);
        Watch(null, origin);
        for (var n = 0; n < Nodes; n++) Watch("n" + n, origin);
        for (var i = 0; i < PodsCount; i++) await Change(WatchEventType.Added, "p" + i, null, "");
        var middle = changes[^1].Revision;
        // Watches joining late, several from a resourceVersion the fan-out is already past (read from the store's history).
        for (var n = 0; n < Nodes; n++) Watch("n" + n, middle - 4 * n);
        Watch(null, middle - 3);
        for (var i = 0; i < PodsCount; i++) await Change(WatchEventType.Modified, "p" + i, "", "n" + i % Nodes);
        for (var n = 0; n < Nodes; n++) Watch("n" + n, changes[^1].Revision - 5);
        for (var i = 0; i < PodsCount; i += 2) await Change(WatchEventType.Modified, "p" + i, "n" + i % Nodes, "n" + (i + 1) % Nodes);
        for (var i = 0; i < PodsCount; i++)
        {
            var node = i % 2 == 0 ? "n" + (i + 1) % Nodes : "n" + i % Nodes;
            await Change(WatchEventType.Deleted, "p" + i, node, node);
        }
        var last = new Dictionary<string, long>();
        for (var n = 0; n < Nodes; n++)
        {
            await Change(WatchEventType.Added, "end" + n, null, "n" + n);
            last["n" + n] = changes[^1].Revision;
        }
        last[""] = changes[^1].Revision;
        stopAt.SetResult(last);
        for (var n = 0; n < Nodes; n++) await CreateAsync("sentinel" + n, "n" + n);

        foreach (var (node, after, seen) in watches)
        {
            var expected = changes.Where(c => c.Revision > after)
                .Select(c => (Type: Expected(c.Type, node is null || c.Before == node, node is null || c.Now == node), c.Revision))
                .Where(c => c.Type is not null).Select(c => (c.Type!, c.Revision)).ToList();
            Assert.Equal(expected, await seen.WaitAsync(Patience, Ct));
        }
    }

    [Fact]
    public async Task AWatchThatDoesNotKeepUpIsEndedWithoutHoldingUpTheOthers()
    {
        var storage = new ResourceStorage(_store, _storage.Catalog, TimeProvider.System) { WatchBuffer = 4 };
        var start = await _store.CurrentRevisionAsync(Ct);
        using var slow = await storage.Fanouts.SubscribeAsync(_pods, _pods.KeyPrefix(""), WatchRoute.Everything, start, Ct);
        using var reading = await storage.Fanouts.SubscribeAsync(_pods, _pods.KeyPrefix(""), WatchRoute.Everything, start, Ct);

        var revisions = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            revisions.Add(await CreateAsync("p" + i, null));
            Assert.Equal(revisions[^1], (await TakeAsync(reading.Changes, 1))[0].Event.Revision);
        }
        var kept = new List<long>();
        await foreach (var change in slow.Changes.ReadAllAsync(Ct).WithCancellation(Ct)) kept.Add(change.Event.Revision);
        Assert.True(slow.Overflowed);
        Assert.Equal(revisions.Take(4), kept); // what it had, in order; then its stream ends and its client watches again
        Assert.Equal(1, storage.Fanouts.Running(_pods)!.Count);
    }

    [Fact]
    public async Task TheSharedWatchStopsWithItsLastWatchAndTheNextWatchStartsAnother()
    {
        var start = await _store.CurrentRevisionAsync(Ct);
        var first = await SubscribeAsync(null, start);
        var fanout = _storage.Fanouts.Running(_pods)!;
        first.Dispose();
        Assert.Null(_storage.Fanouts.Running(_pods));
        await fanout.Pump.WaitAsync(Patience, Ct);

        using var next = await SubscribeAsync(null, start);
        var created = await CreateAsync("p", null);
        Assert.Equal([created], (await TakeAsync(next.Changes, 1)).Select(c => c.Event.Revision));
        Assert.NotSame(fanout, _storage.Fanouts.Running(_pods));
    }

    // The request's end ends a watch waiting for its next change (by completing its buffer, which it reads without the
    // request's token): the read stops with a cancellation, and the watch leaves the shared one.
    [Fact]
    public async Task AWatchWaitingForAChangeEndsWithItsRequest()
    {
        var start = await _store.CurrentRevisionAsync(Ct);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var events = _storage.WatchAsync(_pods, "", Request(null, after: start), request.Token).GetAsyncEnumerator(request.Token);
        var created = await CreateAsync("p", null);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(created, events.Current.Revision);
        var waiting = events.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        await request.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, Ct));
        await events.DisposeAsync();
        Assert.Null(_storage.Fanouts.Running(_pods));
    }

    static string? Expected(WatchEventType type, bool before, bool now) => type switch
    {
        WatchEventType.Added => now ? "ADDED" : null,
        WatchEventType.Deleted => now ? "DELETED" : null,
        _ => (before, now) switch { (true, true) => "MODIFIED", (false, true) => "ADDED", (true, false) => "DELETED", _ => null },
    };
}
