using System.Globalization;

namespace PodLife.Cli.Bench;

/// <summary>`podlife bench lifecycle`: flags, then the figures of <see cref="LifecycleBenchmark"/> in a few lines.</summary>
public static class LifecycleBenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string usage)
    {
        var options = new LifecycleBenchmark.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            var isCount = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && double.IsFinite(x);
            switch (args[i])
            {
                case "--pods" when isCount: options = options with { Pods = n }; break;
                case "--nodes" when isCount: options = options with { Nodes = n }; break;
                case "--rate" when isNumber: options = options with { Rate = x }; break; // 0: as fast as the API takes them
                case "--speed" when isNumber && x > 0: options = options with { Speed = x }; break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{usage}");
                    return CommandLine.UsageError;
            }
            i++;
        }
        var r = await LifecycleBenchmark.RunAsync(options, stdout, ShutdownSignal.Token);
        await stdout.WriteLineAsync(FormattableString.Invariant(
            $"lifecycle: {r.Pods} pods on {r.Nodes} simulated nodes through the API: {r.Ready} Ready, created in {r.CreatePhase.TotalSeconds:F1}s, all Ready after {r.ToAllReady.TotalSeconds:F1}s"));
        await stdout.WriteLineAsync(FormattableString.Invariant(
            $"throughput: {r.PodsPerSecond:F0} pods/s; create->Ready p50 {r.P50.TotalMilliseconds:F0} ms, p99 {r.P99.TotalMilliseconds:F0} ms; delete all {r.DeleteAll.TotalSeconds:F1}s; peak RSS {r.PeakRssBytes / (1024 * 1024)} MiB"));
        return r.Ready == r.Pods ? CommandLine.Success : CommandLine.Failure;
    }
}
