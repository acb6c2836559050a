using PodLife.Bench;

namespace PodLife.Cli;

/// <summary>`podlife bench store|scheduler …`: runs one benchmark and prints its figures.</summary>
public static class BenchCommand
{
    internal const string Usage = """
        usage: podlife bench store [--data-dir DIR] [--operations N] [--etcd-endpoints http://host:port,...]
               podlife bench scheduler [--nodes N] [--pods N]
               podlife bench lifecycle [--pods N] [--nodes M] [--rate PODS_PER_S] [--speed X]
               podlife bench api [--data-dir DIR] [--pods N] [--watchers N] [--events N]
               podlife bench cri [--pods N] [--throughput-pods M] [--containerd-socket P]   (as root)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] == "scheduler") return await RunSchedulerAsync(args[1..], stdout, stderr);
        if (args.Length > 0 && args[0] == "lifecycle") return await Bench.LifecycleBenchCommand.RunAsync(args[1..], stdout, stderr, Usage);
        if (args.Length > 0 && args[0] == "api") return await RunApiAsync(args[1..], stdout, stderr);
        if (args.Length > 0 && args[0] == "cri") return await Bench.CriBenchCommand.RunAsync(args[1..], stdout, stderr, Usage, ShutdownSignal.Token);
        if (args.Length == 0 || args[0] != "store")
        {
            await stderr.WriteLineAsync(Usage);
            return CommandLine.UsageError;
        }
        var options = new StoreBenchmarkOptions(Path.GetTempPath());
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data-dir" when value is not null: options = options with { DataDir = value }; i++; break;
                case "--operations" when int.TryParse(value, out var n) && n > 0: options = options with { Operations = n }; i++; break;
                case "--etcd-endpoints" when value is not null:
                    options = options with { EtcdEndpoints = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{Usage}");
                    return CommandLine.UsageError;
            }
        }
        await StoreBenchmark.RunAsync(options, stdout);
        return CommandLine.Success;
    }

    static async Task<int> RunSchedulerAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int nodes = 5000, pods = 50000;
        for (var i = 0; i < args.Length; i++)
        {
            var n = 0;
            var ok = i + 1 < args.Length && int.TryParse(args[i + 1], out n) && n > 0;
            switch (args[i])
            {
                case "--nodes" when ok: nodes = n; i++; break;
                case "--pods" when ok: pods = n; i++; break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{Usage}");
                    return CommandLine.UsageError;
            }
        }
        var r = SchedulerThroughput.Run(nodes, pods);
        await stdout.WriteLineAsync($"scheduler core: {r.Nodes} nodes, {r.Pods} pending pods, {r.Scheduled} scheduled in {r.Elapsed.TotalSeconds:F2}s");
        await stdout.WriteLineAsync($"throughput: {r.PodsPerSecond:F0} pods/s; cycle p50 {r.CycleP50.TotalMilliseconds:F3} ms, p99 {r.CycleP99.TotalMilliseconds:F3} ms; create-to-bound p99 {r.CreateToBoundP99.TotalSeconds:F2}s");
        return CommandLine.Success;
    }

    static async Task<int> RunApiAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new ApiBenchmarkOptions(Path.GetTempPath());
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var n = 0;
            var number = value is not null && int.TryParse(value, out n) && n > 0;
            switch (args[i])
            {
                case "--data-dir" when value is not null: options = options with { DataDir = value }; break;
                case "--pods" when number: options = options with { Pods = n }; break;
                case "--watchers" when number: options = options with { Watchers = n }; break;
                case "--events" when number: options = options with { WatchEvents = n }; break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{Usage}");
                    return CommandLine.UsageError;
            }
            i++;
        }
        await ApiBenchmark.RunAsync(options, stdout);
        return CommandLine.Success;
    }
}
