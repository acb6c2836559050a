using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>`podlife bench scheduler --api` end to end, small: every pod is bound through the API and the figures are printed.</summary>
public class SchedulerBenchTests
{
    [Fact]
    public async Task BenchSchedulerThroughTheApiBindsEveryPodAndPrintsThroughputAndLatencies()
    {
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "scheduler.json");
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "scheduler", "--api", "--nodes", "20", "--pods", "200", "--json", json],
            timeout: TimeSpan.FromMinutes(3), ct: TestContext.Current.CancellationToken);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(new Regex(@"^20 nodes registered through the API in \d+\.\ds; creating 200 pods$", RegexOptions.Multiline), r.StdOut);
        Assert.Matches(new Regex(@"^scheduler +API: 200 pods bound +[\d,.]+ pods/s +>= 1,000 pods/s +(yes|NO) +\d+% of raw commits$", RegexOptions.Multiline), r.StdOut);
        var figures = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!["figures"]!.AsArray()
            .ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["value"]!.GetValue<double>());
        Assert.True(figures["API: 200 pods bound"] > 0, r.StdOut);
        Assert.True(figures["API: create->bound p50 (all pods at full speed)"] <= figures["API: create->bound p99 (all pods at full speed)"], r.StdOut);
    }

    [Fact]
    public async Task BenchSchedulerRefusesABadFlagWithUsage()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "scheduler", "--api", "--nodes", "0"], ct: TestContext.Current.CancellationToken);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("podlife bench: bad argument \"--nodes\"", r.StdErr, StringComparison.Ordinal);
    }
}
