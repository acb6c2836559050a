namespace PodLife.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    /// <summary>Reads exactly <paramref name="count"/> events, failing if they do not arrive in time.</summary>
    protected static async Task<List<WatchEvent>> Take(IAsyncEnumerable<WatchEvent> watch, int count, int seconds = 20)
    {
        var events = new List<WatchEvent>();
        if (count == 0) return events;
        await foreach (var e in watch.WithCancellation(Timeout(seconds)))
        {
            events.Add(e);
            if (events.Count == count) break;
        }
        return events;
    }

    [Fact]
    public async Task WatchFromNowSeesAddedModifiedAndDeletedInOrder()
    {
        await Store.CreateAsync(Pods + "default/before", V("x"));
        var now = await Store.CurrentRevisionAsync();
        var watch = Take(Store.WatchAsync(Pods + "default/", now), 3);
        var created = await Store.CreateAsync(Pods + "default/a", V("1"));
        await Store.CreateAsync("/registry/services/default/a", V("other prefix"));
        var updated = await Store.UpdateAsync(Pods + "default/a", V("2"), created.ModRevision);
        var deleted = await Store.DeleteAsync(Pods + "default/a", updated.ModRevision);

        var events = await watch;
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([created.ModRevision, updated.ModRevision, deleted.ModRevision], events.Select(e => e.Revision));
        Assert.Equal(["1", "2", "2"], events.Select(e => S(e.Kv.Value)));
        Assert.Equal("1", S(events[1].Previous!.Value));
    }

    [Fact]
    public async Task EveryChangeCarriesTheValueItReplaced()
    {
        var now = await Store.CurrentRevisionAsync();
        var watch = Take(Store.WatchAsync(Pods + "default/", now), 8);
        var a1 = await Store.CreateAsync(Pods + "default/a", V("a1"));
        var a2 = await Store.UpdateAsync(Pods + "default/a", V("a2"), a1.ModRevision);
        var deleted = await Store.DeleteAsync(Pods + "default/a", a2.ModRevision);
        var again = await Store.CreateAsync(Pods + "default/a", V("a3"));
        await Store.CreateAsync(Pods + "default/b", V("b1"));
        await Store.UpdateAsync(Pods + "default/b", V("b2"), 0);
        await Store.UpdateAsync(Pods + "default/b", V("b3"), 0);
        var conflict = await Assert.ThrowsAsync<ConflictException>(async () => await Store.UpdateAsync(Pods + "default/a", V("x"), a1.ModRevision));
        Assert.Equal("a3", S(conflict.Current.Value));
        Assert.Equal(again.ModRevision, conflict.Current.ModRevision);
        await Store.UpdateAsync(Pods + "default/a", V("a4"), again.ModRevision);

        var events = await watch;
        Assert.Equal(["a1", "a2", "a2", "a3", "b1", "b2", "b3", "a4"], events.Select(e => S(e.Kv.Value)));
        Assert.Equal([null, "a1", "a2", null, null, "b1", "b2", "a3"], events.Select(e => e.Previous is { } p ? S(p.Value) : null));
        Assert.Equal(a1.ModRevision, events[1].Previous!.ModRevision);
        Assert.Equal(a2.ModRevision, events[2].Previous!.ModRevision);
        Assert.Equal(deleted.ModRevision, events[2].Revision);
        Assert.Equal(again.ModRevision, events[7].Previous!.ModRevision);
        Assert.Equal(again.ModRevision, events[7].Kv.CreateRevision);
    }

    [Fact]
    public async Task WatchFromZeroReplaysTheWholeHistoryThenFollows()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("1"));
        var b = await Store.UpdateAsync(Pods + "default/a", V("2"), a.ModRevision);
        var watch = Take(Store.WatchAsync(Pods, 0), 3);
        var c = await Store.DeleteAsync(Pods + "default/a", b.ModRevision);
        Assert.Equal([a.ModRevision, b.ModRevision, c.ModRevision], (await watch).Select(e => e.Revision));
    }

    [Fact]
    public async Task WatchFromAPastRevisionReplaysOnlyLaterChanges()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("1"));
        var b = await Store.CreateAsync(Pods + "default/b", V("1"));
        var c = await Store.UpdateAsync(Pods + "default/a", V("2"), a.ModRevision);
        var events = await Take(Store.WatchAsync(Pods, a.ModRevision), 2);
        Assert.Equal([(b.ModRevision, WatchEventType.Added), (c.ModRevision, WatchEventType.Modified)], events.Select(e => (e.Revision, e.Type)));
    }

    [Fact]
    public async Task ConcurrentWritersProduceEventsInRevisionOrderWithoutGapsOrDuplicates()
    {
        var start = await Store.CurrentRevisionAsync();
        const int writers = 8, each = 25;
        var watch = Take(Store.WatchAsync(Pods, start), writers * each, seconds: 60);
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var revisions = new List<long>();
            var kv = await Store.CreateAsync($"{Pods}ns/w{w}", V("0"));
            revisions.Add(kv.ModRevision);
            for (var i = 1; i < each; i++)
            {
                kv = await Store.UpdateAsync(kv.Key, V(i.ToString()), kv.ModRevision);
                revisions.Add(kv.ModRevision);
            }
            return revisions;
        }));
        var events = await watch;
        Assert.Equal(acknowledged.SelectMany(r => r).Order(), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task DeletesAreVisibleToWatchersWithTheLastValue()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("last"));
        var watch = Take(Store.WatchAsync(Pods, a.ModRevision), 1);
        var deleted = await Store.DeleteAsync(Pods + "default/a", 0);
        var e = Assert.Single(await watch);
        Assert.Equal((WatchEventType.Deleted, Pods + "default/a", "last", deleted.ModRevision), (e.Type, e.Kv.Key, S(e.Kv.Value), e.Revision));
    }
}
