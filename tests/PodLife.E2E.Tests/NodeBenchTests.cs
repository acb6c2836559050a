using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>
/// `podlife bench` end to end with small sizes, so the benchmark code cannot rot: each run completes, prints its figures
/// in the table next to their targets and the physical limit, and writes them as JSON. Timings are not asserted.
/// </summary>
public class NodeBenchTests
{
    [Fact]
    public async Task BenchLifecycleRunsEveryPodToReadyAndPrintsLatenciesAndThroughput()
    {
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "lifecycle.json");
        var r = await BenchAsync(["lifecycle", "--pods", "40", "--nodes", "3", "--rate", "0", "--json", json]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(Row("lifecycle", @"40 pods on 3 nodes: Ready", @"40 pods", @">= 40 pods", "yes"), r.StdOut);
        Assert.Matches(Row("lifecycle", @"create->Ready throughput \(full speed\)", @"[\d,.]+ pods/s", @">= 1,000 pods/s", "(yes|NO)", @"\d+% of raw commits"), r.StdOut);
        Assert.Matches(Row("lifecycle", @"create->Ready p99 \(full speed\)", @"[\d,.]+ ms", "", "", @"[\d.]+ fsyncs"), r.StdOut);
        Assert.Matches(Row("lifecycle", @"delete 40 pods \(grace period 0\)", @"[\d,.]+ pods/s", @">= 1,000 pods/s", "(yes|NO)"), r.StdOut);
        Assert.Matches(Row("lifecycle", "peak RSS", @"[\d,.]+ MiB", "", ""), r.StdOut);
        Assert.Matches(@"(?m)^physical limit: raw SQLite durable commits [\d,]+/s \(1 row per transaction\), [\d,]+ rows/s \(64 per transaction\); fsync p50 [\d.]+ ms", r.StdOut);
        // The image is on every node before the timed pods, and each pod's time is split into its stages.
        Assert.Matches(@"(?m)^pre-pulled registry\.k8s\.io/pause:3\.10 on 3 nodes$", r.StdOut);
        Assert.Matches(@"(?m)^stages of 40 pods \(ms\)", r.StdOut);
        foreach (var stage in new[] { "CreateCalled -> CreateAnswered", "CreateAnswered -> BoundSeen", "BoundSeen -> NodeStatusSeen", "NodeStatusSeen -> ReadySeen", "total" })
            Assert.Matches($@"(?m)^  {stage}: -?[\d.]+ / -?[\d.]+ / -?[\d.]+$", r.StdOut);
        Assert.Matches(@"(?m)^GC pauses: .*MiB promoted out of gen0 per collection; background gen2 collections: (none|\d+, \d+ ms running in all, longest \d+ ms)(; blocking gen2s triggered by [a-z ,-]+ \d+(, [a-z ,-]+ \d+)*)?$", r.StdOut);
        foreach (var window in new[] { "GC pause", "background gen2 collection running" })
            Assert.Matches($@"(?m)^  {window} within the pod's create->Ready: [\d.]+ / [\d.]+ / [\d.]+$", r.StdOut);
        // The timed pods' own cost, the figure builds are compared by: something is always allocated and spent.
        Assert.Matches(@"(?m)^timed pods \(create to deleted\): CPU [\d.]+ s \([\d.]+ ms per pod\), allocated [1-9]\d* MB \([\d.]+ KB per pod\)$", r.StdOut);
        Assert.Matches(@"(?m)^gen1 collections(: none| \(\d+, averages\): pause [\d.]+ ms \(suspending threads [\d.]+, collecting [\d.]+; .*compacting \d+ of \d+; .*gen2 after [\d.]+ MiB)$", r.StdOut);
        // A full-speed run times the whole run, start included: no warm-up.
        Assert.DoesNotMatch(@"(?m)^warmed up", r.StdOut);
        // The shipped GC (PodLife.Cli.csproj): server GC with two heaps, non-concurrent collections, the gen0 budget capped
        // by the runtimeconfig, all as the running runtime reports them.
        Assert.Matches(@"(?m)^GC: server, 2 heaps, non-concurrent, gen0 budget cap 64 MiB$", r.StdOut);

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!["figures"]!.AsArray();
        var ready = figures.Single(f => f!["name"]!.GetValue<string>() == "40 pods on 3 nodes: Ready")!;
        Assert.Equal(40, ready["value"]!.GetValue<double>());
        Assert.True(ready["met"]!.GetValue<bool>());
    }

    [Fact]
    public async Task BenchLifecycleAtARateWarmsTheClusterUpBeforeTheTimedPods()
    {
        // 0.2 s of 50 pods/s: ten warm-up pods through create, Ready and delete, then the 20 timed pods.
        var r = await BenchAsync(["lifecycle", "--pods", "20", "--nodes", "3", "--rate", "50", "--warm-up", "0.2"]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(@"(?m)^warmed up: 10 pods at 50 pods/s created, Ready and deleted in [\d.]+ s; JIT idle after \d+ s more$", r.StdOut);
        Assert.True(r.StdOut.IndexOf("warmed up", StringComparison.Ordinal) < r.StdOut.IndexOf("creating 20 pods", StringComparison.Ordinal), r.StdOut);
        // Only the timed pods are counted, and the warm-up pods are gone before they start.
        Assert.Matches(Row("lifecycle", "20 pods on 3 nodes: Ready", "20 pods", ">= 20 pods", "yes"), r.StdOut);
        Assert.Matches(Row("lifecycle", @"delete 20 pods \(grace period 0\)", @"[\d,.]+ pods/s", @">= 1,000 pods/s", "(yes|NO)"), r.StdOut);
    }

    [Fact]
    public async Task BenchLifecycleCanMeasureAClusterWithoutLifecycleHistory()
    {
        var r = await BenchAsync(["lifecycle", "--pods", "20", "--nodes", "3", "--rate", "0", "--warm-up", "0", "--no-history"]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Contains("creating 20 pods at full speed, no lifecycle history\n", r.StdOut, StringComparison.Ordinal);
        Assert.Matches(Row("lifecycle", "20 pods on 3 nodes: Ready", "20 pods", ">= 20 pods", "yes"), r.StdOut);
    }

    [Fact]
    public async Task BenchScaleListsEveryPodAsKubectlDoes()
    {
        var r = await BenchAsync(["scale", "--nodes", "20", "--pods", "60"]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(Row("scale", "60 pods on 20 nodes: Ready", "60 pods", ">= 60 pods", "yes"), r.StdOut);
        Assert.Matches(Row("scale", @"kubectl get pods -A \(60 pods, Table, paged\): its 1 requests", @"[\d.]+ s", "<= 2 s", "(yes|NO)"), r.StdOut);
        Assert.Matches(Row("scale", @"kubectl get pods -A: the real kubectl \(its own 5 requests/s limit: >= 0 s\)", @"[\d.]+ s", "", ""), r.StdOut);
        Assert.Matches(Row("scale", "pod watch: pods whose last change it missed", "0 pods", "<= 0 pods", "yes"), r.StdOut);
        Assert.Matches(Row("scale", "peak RSS until every pod is Running and listed", @"[\d,.]+ MiB", "", ""), r.StdOut);
        Assert.Matches(@"pod watch: events seen until all Ready +[\d,]+ events", r.StdOut);
    }

    [Fact]
    public async Task BenchStartupTimesTheFirstKubectlAnswerAndTheIdleMemory()
    {
        var r = await BenchAsync(["startup", "--runs", "1"]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(Row("startup", @"process start -> first kubectl get pods \(median of 1\)", @"[\d,.]+ ms", "<= 1,000 ms", "(yes|NO)"), r.StdOut);
        Assert.Matches(Row("startup", @"idle RSS, 1 node, after 5 s", @"[\d,.]+ MB", "<= 100 MB", "(yes|NO)"), r.StdOut);
        Assert.Matches(@"startup +CPU time of podlife up until the first kubectl answer \(median of 1\) +[1-9][\d,]* ms", r.StdOut);
    }

    [Fact]
    public async Task BenchSchedulerSchedulesEveryPodAndComparesWithTheTarget()
    {
        var r = await BenchAsync(["scheduler", "--nodes", "10", "--pods", "50"]);

        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(Row("scheduler", @"core: 10 nodes, 50 pods, scheduled", @"[\d,.]+ pods/s", ">= 1,000 pods/s", "(yes|NO)"), r.StdOut);
    }

    [Fact]
    public async Task BenchRefusesABadFlagWithUsage()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", "lifecycle", "--pods", "0"], ct: TestContext.Current.CancellationToken);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("podlife bench: bad argument \"--pods\"", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("podlife bench all [--json FILE]", r.StdErr, StringComparison.Ordinal);
    }

    static Task<ProcessRunner.Result> BenchAsync(string[] args) =>
        ProcessRunner.RunAsync(PodlifeBinary.Path, ["bench", .. args], timeout: TimeSpan.FromMinutes(3), ct: TestContext.Current.CancellationToken);

    // One row of the figure table: bench, figure, value with unit, target, met, and the physical-limit comparison (any, when not given).
    static Regex Row(string bench, string figure, string value, string target, string met, string limit = "") =>
        new($@"(?m)^{bench} +{figure} +{value}{(target.Length > 0 ? $" +{target}" : "")}{(met.Length > 0 ? $" +{met}" : "")}{(limit.Length > 0 ? $" +{limit}" : "(?: +.*)?")}$");
}
