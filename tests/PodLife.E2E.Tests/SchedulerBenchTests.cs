using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>`podlife bench scheduler --api` end to end, small: every pod is bound through the API and the figures are printed.</summary>
public class SchedulerBenchTests
{
    [Fact]
    public async Task BenchSchedulerThroughTheApiBindsEveryPodAndPrintsThroughputAndLatencies()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "scheduler", "--api", "--nodes", "20", "--pods", "200"],
            timeout: TimeSpan.FromMinutes(3), ct: TestContext.Current.CancellationToken);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(new Regex(@"^20 nodes registered through the API in \d+\.\ds; creating 200 pods$", RegexOptions.Multiline), r.StdOut);
        Assert.Matches(new Regex(@"^scheduler through the API: 20 nodes, 200 pods created \(\d+ creates/s, 64 clients\), 200 bound, HTTPS on SQLite, \d+ cores$",
            RegexOptions.Multiline), r.StdOut);
        var figures = Regex.Match(r.StdOut, @"^throughput: (\d+) pods/s bound \(first create to last bound \d+\.\ds\); create->bound p50 (\d+) ms, p99 (\d+) ms$",
            RegexOptions.Multiline);
        Assert.True(figures.Success, r.StdOut);
        var (rate, p50, p99) = (int.Parse(figures.Groups[1].Value), int.Parse(figures.Groups[2].Value), int.Parse(figures.Groups[3].Value));
        Assert.True(rate > 0 && p50 <= p99, r.StdOut);
    }

    [Fact]
    public async Task BenchSchedulerRefusesABadFlagWithUsage()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "scheduler", "--api", "--nodes", "0"], ct: TestContext.Current.CancellationToken);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("podlife bench: bad argument \"--nodes\"", r.StdErr, StringComparison.Ordinal);
    }
}
