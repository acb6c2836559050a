using PodLife.Bench.Reporting;
using PodLife.Store;
using PodLife.Store.Etcd;
using PodLife.Store.Sqlite;

namespace PodLife.Bench;

/// <summary>`podlife bench store`: the physical SQLite commit limit, then our stores' throughput and watch latency.</summary>
public static class StoreBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(StoreBenchmarkOptions options, TextWriter output)
    {
        var figures = new List<Figure>();
        var n = options.Operations;
        var root = Directory.CreateDirectory(Path.Combine(options.DataDir, $"bench-{Guid.NewGuid():N}")).FullName;
        try
        {
            await output.WriteLineAsync($"store benchmark: {n} operations per measurement, {Environment.ProcessorCount} cores, data in {root}");
            var single = RawSqliteCommits.RowsPerSecond(root, Math.Max(10, n / 10), rowsPerCommit: 1);
            var batched = RawSqliteCommits.RowsPerSecond(root, n, rowsPerCommit: 64);
            await output.WriteLineAsync($"raw sqlite durable commits: {single,10:N0} rows/s (1 row per transaction)");
            await output.WriteLineAsync($"raw sqlite durable commits: {batched,10:N0} rows/s (64 rows per transaction)");

            var sqlite = 0;
            figures.Add(new Figure("store", "raw sqlite commits, 1 row per transaction", single, "rows/s"));
            figures.Add(new Figure("store", "raw sqlite commits, 64 rows per transaction", batched, "rows/s"));
            await MeasureAsync("sqlite", () => Open(Path.Combine(root, $"s{sqlite++}")), n, batched, output, figures);
            if (options.EtcdEndpoints is { Count: > 0 } endpoints)
                await MeasureAsync("etcd", () => Task.FromResult<IStore>(new EtcdStore(endpoints, $"/bench-{Guid.NewGuid():N}")), n, null, output, figures);
            else
                await output.WriteLineAsync("etcd: not measured (pass --etcd-endpoints http://host:port)");
            return figures;
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    static async Task<IStore> Open(string dir) => await SqliteStore.OpenAsync(dir, historyWindow: 100_000);

    // Targets (issue #4): with 64 writers SQLite reaches half the raw batched commit rate; watch p99 under 5 ms.
    static async Task MeasureAsync(string name, Func<Task<IStore>> open, int n, double? rawBatched, TextWriter output, List<Figure> figures)
    {
        await using (var store = await open())
        {
            var one = await StoreMeasurements.CreatesPerSecondAsync(store, "/registry/pods/one/", Math.Max(10, n / 10), writers: 1);
            await output.WriteLineAsync($"{name}: create, 1 writer:    {one,10:N0} writes/s");
            figures.Add(new Figure("store", $"{name}: create, 1 writer", one, "writes/s", Limit: LimitKind.DurableWrites));
        }
        await using (var store = await open())
        {
            var many = await StoreMeasurements.CreatesPerSecondAsync(store, "/registry/pods/many/", n, writers: 64);
            var share = rawBatched is { } raw ? $" ({many / raw:P0} of raw batched)" : "";
            await output.WriteLineAsync($"{name}: create, 64 writers:  {many,10:N0} writes/s{share}");
            figures.Add(new Figure("store", $"{name}: create, 64 writers", many, "writes/s", rawBatched is { } r ? Target.AtLeast(r / 2) : null, LimitKind.DurableWrites));
            var updates = await StoreMeasurements.UpdatesPerSecondAsync(store, "/registry/pods/many/", n, writers: 64);
            await output.WriteLineAsync($"{name}: update (CAS), 64 writers: {updates,6:N0} writes/s");
            figures.Add(new Figure("store", $"{name}: update (CAS), 64 writers", updates, "writes/s", Limit: LimitKind.DurableWrites));
        }
        await using (var store = await open())
        {
            var (p50, p99) = await StoreMeasurements.WatchLatencyAsync(store, "/registry/pods/watch/", Math.Max(10, n / 10));
            await output.WriteLineAsync($"{name}: watch delivery after ack: p50 {p50:F2} ms, p99 {p99:F2} ms");
            figures.Add(new Figure("store", $"{name}: watch delivery p50", p50, "ms"));
            figures.Add(new Figure("store", $"{name}: watch delivery p99", p99, "ms", name == "sqlite" ? Target.AtMost(5) : null));
        }
    }
}
