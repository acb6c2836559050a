using PodLife.Store;

using System.Diagnostics;

namespace PodLife.Bench;

/// <summary>Throughput and watch latency of one store, measured through the public store API.</summary>
static class StoreMeasurements
{
    /// <summary>Creates <paramref name="operations"/> keys of <paramref name="valueBytes"/> bytes with <paramref name="writers"/> concurrent writers; returns writes/s.</summary>
    public static async Task<double> CreatesPerSecondAsync(IStore store, string prefix, int operations, int writers, int valueBytes = 256)
    {
        var value = new byte[valueBytes];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = w; i < operations; i += writers) await store.CreateAsync($"{prefix}{i}", value);
        }));
        return operations / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Updates the keys made by <see cref="CreatesPerSecondAsync"/> with compare-and-swap from 64 writers; returns writes/s.</summary>
    public static async Task<double> UpdatesPerSecondAsync(IStore store, string prefix, int operations, int writers)
    {
        var value = new byte[256];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var kv = (await store.GetAsync($"{prefix}{w}"))!;
            for (var i = w; i < operations; i += writers) kv = await store.UpdateAsync(kv.Key, value, kv.ModRevision);
        }));
        return operations / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Watch delivery latency (p50, p99 in ms): from the moment a write is acknowledged to the moment a
    /// watcher holds its event (0 when the event arrived first), one writer at a time.
    /// </summary>
    public static async Task<(double P50, double P99)> WatchLatencyAsync(IStore store, string prefix, int operations)
    {
        var received = new long[operations];
        var start = await store.CurrentRevisionAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // One writer, one prefix: the n-th event is the n-th write.
        var watcher = Task.Run(async () =>
        {
            var n = 0;
            await foreach (var _ in store.WatchAsync(prefix, start, stop.Token))
            {
                received[n] = Stopwatch.GetTimestamp();
                if (++n == operations) return;
            }
        });
        var acked = new long[operations];
        for (var i = 0; i < operations; i++)
        {
            await store.CreateAsync($"{prefix}{i}", [1]);
            acked[i] = Stopwatch.GetTimestamp();
        }
        await watcher;
        var latencies = acked.Zip(received, (a, r) => Math.Max(0, Stopwatch.GetElapsedTime(a, r).TotalMilliseconds)).Order().ToArray();
        return (latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }
}
