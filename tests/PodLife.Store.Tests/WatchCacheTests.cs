using System.Text;
using PodLife.Store.Tests.Support;
using PodLife.Store.Watching;

namespace PodLife.Store.Tests;

public sealed class WatchCacheTests
{
    static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    static async Task<List<long>> Revisions(IAsyncEnumerable<WatchEvent> watch, int count)
    {
        var revisions = new List<long>();
        await foreach (var e in watch.WithCancellation(Timeout()))
        {
            revisions.Add(e.Revision);
            if (revisions.Count == count) break;
        }
        return revisions;
    }

    [Fact]
    public async Task ManyWatchersOfOnePrefixFromNowCostOneUpstreamWatch()
    {
        var upstream = new WatchCountingStore();
        await using var cache = new WatchCacheStore(upstream);
        var now = await cache.CurrentRevisionAsync();
        var watchers = Enumerable.Range(0, 50).Select(_ => Revisions(cache.WatchAsync("/registry/pods/", now), 3)).ToList();
        var written = new List<long>();
        for (var i = 0; i < 3; i++) written.Add((await cache.CreateAsync($"/registry/pods/ns/p{i}", Encoding.UTF8.GetBytes("v"))).ModRevision);

        foreach (var w in watchers) Assert.Equal(written, await w);
        Assert.Equal(1, upstream.Watches);
    }

    [Fact]
    public async Task AWatcherFromBeforeTheCacheStartedReadsTheOlderPartUpstream()
    {
        var upstream = new WatchCountingStore();
        await using var cache = new WatchCacheStore(upstream);
        var first = await cache.CreateAsync("/registry/pods/ns/a", [1]);
        var live = Revisions(cache.WatchAsync("/registry/pods/", first.ModRevision), 1);
        var second = await cache.CreateAsync("/registry/pods/ns/b", [2]);
        Assert.Equal([second.ModRevision], await live);

        Assert.Equal([first.ModRevision, second.ModRevision], await Revisions(cache.WatchAsync("/registry/pods/", 0), 2));
        Assert.Equal(2, upstream.Watches); // the shared one, and one for the history before it started
    }

    [Fact]
    public async Task AWatcherThatFallsBehindTheRingStillGetsEveryChangeInOrder()
    {
        var upstream = new WatchCountingStore();
        await using var cache = new WatchCacheStore(upstream, capacityPerPrefix: 4);
        var start = await cache.CurrentRevisionAsync();
        var slow = cache.WatchAsync("/registry/pods/", start).GetAsyncEnumerator(Timeout());
        var firstMove = slow.MoveNextAsync().AsTask(); // the watcher is registered, then stops reading
        var written = new List<long>();
        for (var i = 0; i < 20; i++) written.Add((await cache.CreateAsync($"/registry/pods/ns/p{i}", [1])).ModRevision);

        Assert.True(await firstMove);
        var seen = new List<long> { slow.Current.Revision };
        while (seen.Count < written.Count && await slow.MoveNextAsync()) seen.Add(slow.Current.Revision);
        await slow.DisposeAsync();
        Assert.Equal(written, seen);
    }

    [Fact]
    public async Task EventsSharingARevisionReachTheRingTogetherSoAWatcherBetweenThemMissesNone()
    {
        // Two writes of one etcd transaction (revision 5), then a later write. Between yielding the two, the upstream
        // reads the ring as a watcher would and continues after what that read said was complete.
        var ring = new EventRing(16, completeAfter: 4);
        var seen = new List<string>();
        long after = 4;
        void Read()
        {
            var batch = new List<WatchEvent>();
            Assert.True(ring.TryRead("/r/", after, batch, out var next, out _));
            seen.AddRange(batch.Select(e => e.Kv.Key));
            after = next;
        }
        static WatchEvent Added(string key, long revision) => new(WatchEventType.Added, new KeyValue(key, [], revision, revision), null);
        async IAsyncEnumerable<WatchEvent> Upstream()
        {
            yield return Added("/r/pod", 5);
            Read();
            yield return Added("/r/timeline", 5);
            await Task.Yield();
            yield return Added("/r/other", 6);
        }

        await WatchCacheStore.FeedRingAsync(Upstream(), ring);
        Read();

        Assert.Equal(["/r/pod", "/r/timeline", "/r/other"], seen);
    }
}
