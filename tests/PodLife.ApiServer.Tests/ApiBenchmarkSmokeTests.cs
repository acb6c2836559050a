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
        var figures = await ApiBenchmark.RunAsync(new ApiBenchmarkOptions(dir.Path, Pods: 40, Watchers: 4, WatchEvents: 3, ListRuns: 2), output);

        var text = output.ToString();
        Assert.Matches(@"create pods, 64 clients: +[\d,]+ creates/s", text);
        Assert.Matches(@"list 40 pods as Table: p50 [\d.]+ ms, p99 [\d.]+ ms \(2 lists\)", text);
        Assert.Matches(@"watch fan-out, 4 watchers x 3 changes: delivery p50 [\d.]+ ms, p99 [\d.]+ ms", text);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal(6, figures.Count);
        Assert.All(figures, f => Assert.True(double.IsFinite(f.Value) && f.Value > 0, $"{f.Name} = {f.Value}"));
        Assert.Equal(10, figures.Single(f => f.Name == "watch fan-out to 4 watchers p99").Target!.Threshold); // the issue's 10 ms
    }
}
