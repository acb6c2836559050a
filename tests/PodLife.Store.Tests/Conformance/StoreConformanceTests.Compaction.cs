namespace PodLife.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ResumingBelowTheCompactionPointFailsWithCompacted()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("1"));
        var b = await Store.UpdateAsync(Pods + "default/a", V("2"), a.ModRevision);
        var c = await Store.UpdateAsync(Pods + "default/a", V("3"), b.ModRevision);
        await Store.CompactAsync(b.ModRevision);

        var tooOld = Store.WatchAsync(Pods, a.ModRevision - 1); // the error comes when the watch is read, as the contract says
        var gone = await Assert.ThrowsAsync<CompactedException>(async () => await Take(tooOld, 1));
        Assert.Equal(a.ModRevision - 1, gone.RequestedRevision);
        var listGone = await Assert.ThrowsAsync<CompactedException>(async () => await Store.ListAsync(Pods, new ListOptions(Revision: a.ModRevision)));
        Assert.Equal(a.ModRevision, listGone.RequestedRevision);
        Assert.Equal(b.ModRevision, listGone.CompactedRevision); // says how far history is gone, so a client knows where to re-list

        // At and after the compaction point, history and snapshots are still there.
        var events = await Take(Store.WatchAsync(Pods, b.ModRevision), 1);
        Assert.Equal(c.ModRevision, Assert.Single(events).Revision);
        var snapshot = await Store.ListAsync(Pods, new ListOptions(Revision: b.ModRevision));
        Assert.Equal("2", S(Assert.Single(snapshot.Items).Value));
    }

    [Fact]
    public async Task CompactionKeepsEveryLiveValue()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("a"));
        var b = await Store.CreateAsync(Pods + "default/b", V("b1"));
        await Store.UpdateAsync(Pods + "default/b", V("b2"), b.ModRevision);
        var c = await Store.CreateAsync(Pods + "default/c", V("c"));
        await Store.DeleteAsync(Pods + "default/c", c.ModRevision);
        await Store.CompactAsync(await Store.CurrentRevisionAsync());

        var live = await Store.ListAsync(Pods, ListOptions.All);
        Assert.Equal([("a", "a", a.ModRevision), ("b", "b2", live.Items[1].ModRevision)], live.Items.Select(i => (i.Key[^1..], S(i.Value), i.ModRevision)));
        Assert.Equal("a", S((await Store.GetAsync(Pods + "default/a"))!.Value));
        Assert.Null(await Store.GetAsync(Pods + "default/c"));
        var next = await Store.UpdateAsync(Pods + "default/a", V("a2"), a.ModRevision);
        Assert.True(next.ModRevision > c.ModRevision);
    }
}
