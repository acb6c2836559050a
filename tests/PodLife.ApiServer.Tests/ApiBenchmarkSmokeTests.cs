using PodLife.Bench;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>`podlife bench api` on a small scale: it runs against a real server and prints each figure.</summary>
public class ApiBenchmarkSmokeTests
{
    [Fact]
    public async Task TheApiBenchmarkPrintsCreatesListLatencyAndWatchDelivery()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();
        await ApiBenchmark.RunAsync(new ApiBenchmarkOptions(dir.Path, Pods: 40, Watchers: 4, WatchEvents: 3, ListRuns: 2), output);

        var text = output.ToString();
        Assert.Matches(@"create pods, 64 clients: +[\d,]+ creates/s", text);
        Assert.Matches(@"list 40 pods as Table: p50 [\d.]+ ms, p99 [\d.]+ ms \(2 lists\)", text);
        Assert.Matches(@"watch fan-out, 4 watchers x 3 changes: delivery p50 [\d.]+ ms, p99 [\d.]+ ms", text);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
