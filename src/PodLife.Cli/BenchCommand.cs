using PodLife.Bench;
using PodLife.Bench.Reporting;
using PodLife.Cli.Bench;

namespace PodLife.Cli;

/// <summary>
/// `podlife bench SUBCOMMAND …`: measures the machine's physical limit (raw durable SQLite commits, fsync latency),
/// runs one benchmark (or all of them), then prints every figure next to its target and its ratio to that limit,
/// and with `--json FILE` saves them so runs can be compared.
/// </summary>
public static class BenchCommand
{
    internal const string Usage = """
        usage: podlife bench all [--json FILE]
               podlife bench store [--data-dir DIR] [--operations N] [--etcd-endpoints http://host:port,...]
               podlife bench scheduler [--api] [--nodes N] [--pods N]
               podlife bench api [--data-dir DIR] [--pods N] [--watchers N] [--events N]
               podlife bench lifecycle [--pods N] [--nodes M] [--rate PODS_PER_S] [--speed X] [--warm-up SECONDS] [--no-history]
               podlife bench startup [--runs N]
               podlife bench scale [--nodes N] [--pods N] [--no-history]
               podlife bench cri [--pods N] [--throughput-pods M] [--containerd-socket P]   (as root)
          every subcommand also takes --json FILE (write the figures as JSON)
        """;

    delegate Task<bool> Benchmark(BenchReport report, TextWriter log, CancellationToken ct);

    static readonly Dictionary<string, Dictionary<string, FlagKind>> KnownFlags = new()
    {
        ["all"] = [],
        ["store"] = new() { ["--data-dir"] = FlagKind.Text, ["--operations"] = FlagKind.Count, ["--etcd-endpoints"] = FlagKind.Text },
        ["scheduler"] = new() { ["--api"] = FlagKind.Switch, ["--nodes"] = FlagKind.Count, ["--pods"] = FlagKind.Count },
        ["api"] = new() { ["--data-dir"] = FlagKind.Text, ["--pods"] = FlagKind.Count, ["--watchers"] = FlagKind.Count, ["--events"] = FlagKind.Count },
        ["lifecycle"] = new() { ["--pods"] = FlagKind.Count, ["--nodes"] = FlagKind.Count, ["--rate"] = FlagKind.Number, ["--speed"] = FlagKind.Number, ["--warm-up"] = FlagKind.Number, ["--no-history"] = FlagKind.Switch },
        ["startup"] = new() { ["--runs"] = FlagKind.Count },
        ["scale"] = new() { ["--nodes"] = FlagKind.Count, ["--pods"] = FlagKind.Count, ["--no-history"] = FlagKind.Switch },
        ["cri"] = new() { ["--pods"] = FlagKind.Count, ["--throughput-pods"] = FlagKind.Count, ["--containerd-socket"] = FlagKind.Text },
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || !KnownFlags.TryGetValue(args[0], out var known))
        {
            await stderr.WriteLineAsync(Usage);
            return CommandLine.UsageError;
        }
        var withJson = new Dictionary<string, FlagKind>(known) { ["--json"] = FlagKind.Text };
        if (BenchFlags.Parse(args[1..], withJson, out var error) is not { } flags || Select(args[0], flags) is not { } benchmark)
        {
            await stderr.WriteLineAsync($"podlife bench: {(error.Length > 0 ? error : "bad argument")}\n{Usage}");
            return CommandLine.UsageError;
        }

        await stdout.WriteLineAsync("measuring the physical limit (raw durable SQLite commits, fsync latency)...");
        var report = new BenchReport(PhysicalLimits.Measure(flags.Text("--data-dir") ?? Path.GetTempPath()));
        bool completed;
        try
        {
            completed = await benchmark(report, stdout, ShutdownSignal.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException)
        {
            await stderr.WriteLineAsync($"podlife bench: {e.Message}");
            return CommandLine.Failure;
        }
        catch (TaskCanceledException e) when (!ShutdownSignal.Token.IsCancellationRequested)
        {
            // An API call outlived the client's timeout (e.g. one deletecollection of 10,000 pods on a busy machine).
            await stderr.WriteLineAsync($"podlife bench: a request timed out ({e.Message})");
            return CommandLine.Failure;
        }
        await report.PrintAsync(stdout);
        if (flags.Text("--json") is { } json) await report.WriteJsonAsync(json);
        return completed ? CommandLine.Success : CommandLine.Failure;
    }

    static Benchmark? Select(string name, BenchFlags flags) => name switch
    {
        "store" => Store(new StoreBenchmarkOptions(flags.Text("--data-dir") ?? Path.GetTempPath(), flags.Count("--operations", StoreBenchmarkOptions.DefaultOperations),
            flags.Text("--etcd-endpoints")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
        "scheduler" when flags.Has("--api") => SchedulerThroughApi(flags.Count("--nodes", 5_000), flags.Count("--pods", 50_000)),
        "scheduler" => Scheduler(flags.Count("--nodes", 5_000), flags.Count("--pods", 50_000)),
        "api" => Api(new ApiBenchmarkOptions(flags.Text("--data-dir") ?? Path.GetTempPath(), flags.Count("--pods", 10_000),
            flags.Count("--watchers", 100), flags.Count("--events", 50))),
        "lifecycle" when flags.Number("--speed", 1) > 0 => Lifecycle("lifecycle", new LifecycleBenchmark.Options(flags.Count("--pods", 10_000),
            flags.Count("--nodes", 100), flags.Number("--rate", 100), flags.Number("--speed", 1), WarmUpSeconds: flags.Number("--warm-up", 5),
            RecordHistory: !flags.Has("--no-history"))),
        "startup" => Startup(flags.Count("--runs", 3)),
        "scale" => Lifecycle("scale", new LifecycleBenchmark.Options(flags.Count("--pods", 100_000), flags.Count("--nodes", 5_000), Rate: 0, ListAll: true,
            RecordHistory: !flags.Has("--no-history"))),
        "cri" => (report, log, ct) => CriBenchmark.RunAsync(report, flags.Count("--pods", 50), flags.Count("--throughput-pods", 100), flags.Text("--containerd-socket"), log, ct),
        "all" => All(),
        _ => null,
    };

    static Benchmark Store(StoreBenchmarkOptions options) => async (report, log, _) =>
    {
        report.AddRange(await StoreBenchmark.RunAsync(options, log));
        return true;
    };

    static Benchmark Scheduler(int nodes, int pods) => async (report, log, _) =>
    {
        await log.WriteLineAsync($"scheduler core: scheduling {pods} pending pods on {nodes} nodes...");
        var r = SchedulerThroughput.Run(nodes, pods);
        report.AddRange(r.Figures());
        return r.Scheduled == pods;
    };

    static Benchmark SchedulerThroughApi(int nodes, int pods) => async (report, log, ct) =>
    {
        var r = await SchedulerApiBenchmark.RunAsync(new(nodes, pods), log, ct);
        report.AddRange(r.Figures());
        return r.Bound == r.Pods;
    };

    static Benchmark Api(ApiBenchmarkOptions options) => async (report, log, _) =>
    {
        report.AddRange(await ApiBenchmark.RunAsync(options, log, BenchProgress.OnConsole()));
        return true;
    };

    static Benchmark Lifecycle(string bench, LifecycleBenchmark.Options options) => async (report, log, ct) =>
    {
        var r = await LifecycleBenchmark.RunAsync(options, log, BenchProgress.OnConsole(), ct);
        report.AddRange(r.Figures(bench));
        return r.Ready == r.Pods;
    };

    static Benchmark Startup(int runs) => async (report, log, ct) =>
    {
        report.AddRange(StartupBenchmark.Figures(await StartupBenchmark.RunAsync(runs, log, ct)));
        return true;
    };

    /// <summary>
    /// Every benchmark at the size the issues set its target for, in about ten minutes on the 2-core machine:
    /// lifecycle twice (throughput at full speed, latency at 100 pods/s offered), and scale last, as it is the longest.
    /// </summary>
    static Benchmark All() => async (report, log, ct) =>
    {
        Benchmark[] steps =
        [
            Startup(3),
            Store(new StoreBenchmarkOptions(Path.GetTempPath())),
            Scheduler(5_000, 50_000),
            SchedulerThroughApi(1_000, 10_000),
            Api(new ApiBenchmarkOptions(Path.GetTempPath())),
            Lifecycle("lifecycle", new LifecycleBenchmark.Options(10_000, 100, Rate: 0)),
            Lifecycle("lifecycle", new LifecycleBenchmark.Options(2_000, 100, Rate: 100)),
            Lifecycle("scale", new LifecycleBenchmark.Options(100_000, 5_000, Rate: 0, ListAll: true)),
        ];
        var completed = true;
        foreach (var step in steps)
            completed &= await step(report, log, ct);
        return completed;
    };
}
