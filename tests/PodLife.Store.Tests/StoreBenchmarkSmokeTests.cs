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
        await StoreBenchmark.RunAsync(new StoreBenchmarkOptions(dir.Path, Operations: 64, etcd.Cluster.Endpoints), output);

        var text = output.ToString();
        foreach (var figure in new[]
        {
            "raw sqlite durable commits:", "(1 row per transaction)", "(64 rows per transaction)",
            "sqlite: create, 1 writer:", "sqlite: create, 64 writers:", "of raw batched", "sqlite: update (CAS), 64 writers:",
            "sqlite: watch delivery after ack: p50", "etcd: create, 64 writers:", "etcd: watch delivery after ack: p50",
        })
            Assert.Contains(figure, text);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path)); // the benchmark cleans up after itself
    }
}
