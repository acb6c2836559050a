namespace PodLife.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task SixteenWritersDoingCompareAndSwapIncrementsLoseNoUpdate()
    {
        const int writers = 16, increments = 25, keys = 4;
        for (var k = 0; k < keys; k++) await Store.CreateAsync($"{Pods}counters/c{k}", V("0"));

        var conflicts = await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var lost = 0;
            for (var i = 0; i < increments; i++)
            {
                var key = $"{Pods}counters/c{(w + i) % keys}";
                while (true)
                {
                    var current = (await Store.GetAsync(key))!;
                    await Task.Yield(); // let the other writers run between read and write, as over a network
                    try
                    {
                        await Store.UpdateAsync(key, V((int.Parse(S(current.Value)) + 1).ToString()), current.ModRevision);
                        break;
                    }
                    catch (ConflictException) { lost++; } // someone else incremented first: read again
                }
            }
            return lost;
        }));

        var total = 0;
        for (var k = 0; k < keys; k++) total += int.Parse(S((await Store.GetAsync($"{Pods}counters/c{k}"))!.Value));
        Assert.Equal(writers * increments, total);
        Assert.True(conflicts.Sum() > 0, "16 writers on 4 keys should have collided at least once");
    }

    /// <summary>Updates in the watch-under-load test (the issue fixes 100,000).</summary>
    protected virtual int WatchLoadUpdates => 100_000;

    [Fact]
    public async Task OneWatcherReceivesEveryUpdateUnderLoadInOrderOrACompactedError()
    {
        // Many concurrent writers: each durable commit (one fsync, ~8 ms on the CI disk) carries hundreds of updates.
        const int writers = 512;
        var start = await Store.CurrentRevisionAsync();
        var keys = Enumerable.Range(0, writers).Select(w => $"{Pods}load/k{w}").ToArray();
        foreach (var k in keys) await Store.CreateAsync(k, V("0"));
        var afterCreates = await Store.CurrentRevisionAsync();

        var watcher = Task.Run(async () =>
        {
            var (count, last) = (0, afterCreates);
            try
            {
                await foreach (var e in Store.WatchAsync(Pods + "load/", afterCreates, Timeout(170)))
                {
                    Assert.True(e.Revision > last, $"revision {e.Revision} after {last}");
                    (count, last) = (count + 1, e.Revision);
                    if (count == WatchLoadUpdates) return (count, compacted: false);
                }
            }
            catch (CompactedException) { return (count, compacted: true); }
            return (count, compacted: false);
        });
        var perWriter = WatchLoadUpdates / writers;
        await Task.WhenAll(keys.Select(async (k, w) =>
        {
            var n = perWriter + (w < WatchLoadUpdates % writers ? 1 : 0);
            for (var i = 0; i < n; i++) await Store.UpdateAsync(k, V(i.ToString()), 0);
        }));

        var (received, compacted) = await watcher;
        Assert.True(compacted || received == WatchLoadUpdates, $"received {received} of {WatchLoadUpdates} without a compacted error");
        Assert.True(start < afterCreates);
    }
}
