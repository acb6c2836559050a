using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>`podlife bench lifecycle` end to end, small: every pod gets Ready through the API and the figures are printed.</summary>
public class NodeBenchTests
{
    [Fact]
    public async Task BenchLifecycleRunsEveryPodToReadyAndPrintsLatenciesAndThroughput()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "lifecycle", "--pods", "40", "--nodes", "3", "--rate", "0"],
            timeout: TimeSpan.FromMinutes(3), ct: TestContext.Current.CancellationToken);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(new Regex(@"^lifecycle: 40 pods on 3 simulated nodes through the API: 40 Ready, ", RegexOptions.Multiline), r.StdOut);
        Assert.Matches(new Regex(@"^throughput: \d+ pods/s; create->Ready p50 \d+ ms, p99 \d+ ms; delete all \d+\.\ds; peak RSS \d+ MiB$", RegexOptions.Multiline), r.StdOut);
    }

    [Fact]
    public async Task BenchLifecycleRefusesABadFlagWithUsage()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "lifecycle", "--pods", "0"], ct: TestContext.Current.CancellationToken);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("podlife bench: bad argument \"--pods\"", r.StdErr, StringComparison.Ordinal);
    }
}
