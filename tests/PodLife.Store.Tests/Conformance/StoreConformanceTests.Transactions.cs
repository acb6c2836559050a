namespace PodLife.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    const string Timelines = "/registry/podtimelines/";

    [Fact]
    public async Task TransactionAppliesEveryWriteAndReturnsEachResult()
    {
        var b = await Store.CreateAsync(Pods + "default/b", V("b1"));
        var c = await Store.CreateAsync(Pods + "default/c", V("c1"));
        var results = await Store.WriteAsync(
            [StoreWrite.Create(Pods + "default/a", V("a1")), StoreWrite.Update(Pods + "default/b", V("b2"), b.ModRevision), StoreWrite.Delete(Pods + "default/c", c.ModRevision)]);

        Assert.Equal([Pods + "default/a", Pods + "default/b", Pods + "default/c"], results.Select(r => r.Key));
        Assert.Equal(results[0].ModRevision, results[0].CreateRevision);
        Assert.Equal(b.CreateRevision, results[1].CreateRevision);
        Assert.Equal("c1", S(results[2].Value));
        Assert.All(results, r => Assert.True(r.ModRevision > c.ModRevision));
        Assert.Equal(("a1", results[0].ModRevision), (S((await Store.GetAsync(Pods + "default/a"))!.Value), (await Store.GetAsync(Pods + "default/a"))!.ModRevision));
        Assert.Equal(("b2", results[1].ModRevision), (S((await Store.GetAsync(Pods + "default/b"))!.Value), (await Store.GetAsync(Pods + "default/b"))!.ModRevision));
        Assert.Null(await Store.GetAsync(Pods + "default/c"));
        Assert.True(await Store.CurrentRevisionAsync() >= results.Max(r => r.ModRevision));
    }

    [Fact]
    public async Task TransactionWithAStaleWriteWritesNothingAndNamesThatKey()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("a1"));
        var t = await Store.CreateAsync(Timelines + "default/a", V("t1"));
        await Store.UpdateAsync(Timelines + "default/a", V("t2"), t.ModRevision);
        var before = await Store.CurrentRevisionAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(async () => await Store.WriteAsync(
            [StoreWrite.Update(Pods + "default/a", V("a2"), a.ModRevision), StoreWrite.Update(Timelines + "default/a", V("t3"), t.ModRevision), StoreWrite.Create(Pods + "default/new", V("n"))]));

        Assert.Equal(Timelines + "default/a", conflict.Key);
        Assert.Equal("t2", S(conflict.Current.Value));
        Assert.Equal(("a1", a.ModRevision), (S((await Store.GetAsync(Pods + "default/a"))!.Value), (await Store.GetAsync(Pods + "default/a"))!.ModRevision));
        Assert.Equal("t2", S((await Store.GetAsync(Timelines + "default/a"))!.Value));
        Assert.Null(await Store.GetAsync(Pods + "default/new"));
        Assert.Equal(before, await Store.CurrentRevisionAsync());
    }

    [Fact]
    public async Task TransactionRefusesACreateOfALiveKeyAndAnUpdateOfAMissingOneWritingNothing()
    {
        await Store.CreateAsync(Pods + "default/a", V("a1"));
        var exists = await Assert.ThrowsAsync<KeyExistsException>(async () =>
            await Store.WriteAsync([StoreWrite.Create(Pods + "default/b", V("b")), StoreWrite.Create(Pods + "default/a", V("a2"))]));
        Assert.Equal(Pods + "default/a", exists.Key);
        Assert.Null(await Store.GetAsync(Pods + "default/b"));

        var missing = await Assert.ThrowsAsync<KeyNotFoundInStoreException>(async () =>
            await Store.WriteAsync([StoreWrite.Delete(Pods + "default/a", 0), StoreWrite.Update(Pods + "default/gone", V("x"), 0)]));
        Assert.Equal(Pods + "default/gone", missing.Key);
        Assert.Equal("a1", S((await Store.GetAsync(Pods + "default/a"))!.Value));
    }

    [Fact]
    public async Task TransactionRefusesNoWritesOrAKeyTwice()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.WriteAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await Store.WriteAsync([StoreWrite.Create(Pods + "default/a", V("1")), StoreWrite.Update(Pods + "default/a", V("2"), 0)]));
        // A long transaction (checked with a set rather than pairwise) with its repeated key last.
        var many = Enumerable.Range(0, 12).Select(i => StoreWrite.Create(Pods + $"default/m{i}", V("1"))).Append(StoreWrite.Create(Pods + "default/m3", V("2")));
        var twice = await Assert.ThrowsAsync<ArgumentException>(async () => await Store.WriteAsync([.. many]));
        Assert.Contains(Pods + "default/m3", twice.Message);
        Assert.Null(await Store.GetAsync(Pods + "default/a"));
        Assert.Null(await Store.GetAsync(Pods + "default/m0"));
    }

    [Fact]
    public async Task WatchersSeeATransactionsEventsInOrderWithOneOrConsecutiveRevisions()
    {
        var now = await Store.CurrentRevisionAsync();
        var both = Take(Store.WatchAsync("/registry/", now), 4);
        var timelines = Take(Store.WatchAsync(Timelines, now), 2);
        var pods = Take(Store.WatchAsync(Pods, now), 2);
        var first = await Store.WriteAsync([StoreWrite.Create(Pods + "default/a", V("a1")), StoreWrite.Create(Timelines + "default/a", V("t1"))]);
        var second = await Store.WriteAsync([StoreWrite.Update(Pods + "default/a", V("a2"), first[0].ModRevision), StoreWrite.Update(Timelines + "default/a", V("t2"), first[1].ModRevision)]);

        foreach (var tx in new[] { first, second })
            Assert.True(tx[1].ModRevision == tx[0].ModRevision || tx[1].ModRevision == tx[0].ModRevision + 1,
                $"revisions {tx[0].ModRevision} and {tx[1].ModRevision} are neither one nor consecutive");
        var events = await both;
        Assert.Equal(["a1", "t1", "a2", "t2"], events.Select(e => S(e.Kv.Value)));
        Assert.Equal(first.Concat(second).Select(r => r.ModRevision), events.Select(e => e.Revision));
        Assert.Equal([WatchEventType.Added, WatchEventType.Added, WatchEventType.Modified, WatchEventType.Modified], events.Select(e => e.Type));
        Assert.Equal(["t1", "t2"], (await timelines).Select(e => S(e.Kv.Value)));
        Assert.Equal(["a1", "a2"], (await pods).Select(e => S(e.Kv.Value)));

        // A watch resumed after the first transaction sees exactly the second.
        var resumed = await Take(Store.WatchAsync("/registry/", first.Max(r => r.ModRevision)), 2);
        Assert.Equal(["a2", "t2"], resumed.Select(e => S(e.Kv.Value)));
    }
}
