using PodLife.Bench;
using PodLife.Testing;

namespace PodLife.Store.Tests;

public sealed class StoreBenchmarkSmokeTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    [Fact]
    public async Task TheStoreBenchmarkRunsOnSqliteAndEtcdAndPrintsEveryFigure()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();
        var figures = await StoreBenchmark.RunAsync(new StoreBenchmarkOptions(dir.Path, Operations: 64, etcd.Cluster.Endpoints), output);

        var text = output.ToString();
        foreach (var figure in new[]
        {
            "raw sqlite durable commits:", "(1 row per transaction)", "(64 rows per transaction)",
            "sqlite: create, 1 writer:", "sqlite: create, 64 writers:", "of raw batched", "sqlite: update (CAS), 64 writers:",
            "sqlite: watch delivery after ack: p50", "etcd: create, 64 writers:", "etcd: watch delivery after ack: p50",
        })
            Assert.Contains(figure, text);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path)); // the benchmark cleans up after itself
        // Half the raw batched commit rate is the target for 64 SQLite writers (issue #4).
        var raw = figures.Single(f => f.Name == "raw sqlite commits, 64 rows per transaction").Value;
        Assert.Equal(raw / 2, figures.Single(f => f.Name == "sqlite: create, 64 writers").Target!.Threshold);
        Assert.Contains(figures, f => f.Name == "etcd: watch delivery p99");
    }
}
