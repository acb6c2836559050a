using System.Diagnostics;
using System.Globalization;
using PodLife.Node.Cri;
using PodLife.Node.Runtime;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench cri`: create→Running through the API, scheduler and one real node for pods whose image is cached,
/// next to the raw CRI time (RunPodSandbox + CreateContainer + StartContainer) measured on the same containerd.
/// </summary>
public static class CriBenchCommand
{
    const string Image = "registry.k8s.io/pause:3.10";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string usage, CancellationToken ct)
    {
        var (latencyPods, throughputPods, raw) = (50, 100, 10);
        var runtimeArgs = new List<string> { "--runtime", "cri" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            var isCount = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            switch (args[i])
            {
                case "--pods" when isCount: latencyPods = n; break;
                case "--throughput-pods" when isCount: throughputPods = n; break;
                case "--containerd-socket" when value.Length > 0: runtimeArgs.AddRange([args[i], value]); break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{usage}");
                    return CommandLine.UsageError;
            }
            i++;
        }
        var cri = CriFlags.Take([.. runtimeArgs], out _, out _)!;
        if (await cri.MissingAsync(ct) is { } missing)
        {
            await stderr.WriteLineAsync($"podlife bench: {missing}");
            return CommandLine.UsageError;
        }
        var dir = Directory.CreateTempSubdirectory("podlife-bench-cri-").FullName;
        try
        {
            var (options, started) = await cri.PrepareAsync(dir, ct);
            await using (started)
            {
                var rawTimes = await RawCriAsync(options, raw, ct);
                await stdout.WriteLineAsync(FormattableString.Invariant(
                    $"raw CRI (sandbox + create + start, cached image): p50 {Ms(rawTimes, 0.5)} ms, min {Ms(rawTimes, 0)} ms over {raw}"));
                // One pod at a time (well, 4/s) for the latency: each start then measures the path, not a queue.
                var latency = await LifecycleBenchmark.RunAsync(new LifecycleBenchmark.Options(latencyPods, 1, 4, Cri: options), stdout, ct);
                var p50 = latency.P50.TotalMilliseconds;
                await stdout.WriteLineAsync(FormattableString.Invariant(
                    $"create->Running through API, scheduler and node: {latency.Ready}/{latencyPods} pods at 4 pods/s, p50 {p50:F0} ms, p99 {latency.P99.TotalMilliseconds:F0} ms ({p50 / Ms(rawTimes, 0.5):F1}x raw p50)"));
                var load = await LifecycleBenchmark.RunAsync(new LifecycleBenchmark.Options(throughputPods, 1, 0, Cri: options), stdout, ct);
                await stdout.WriteLineAsync(FormattableString.Invariant(
                    $"throughput: {load.Ready}/{throughputPods} pods created at once, all Running after {load.ToAllReady.TotalSeconds:F1}s: {load.PodsPerSecond:F1} pods/s (p50 {load.P50.TotalMilliseconds:F0} ms, p99 {load.P99.TotalMilliseconds:F0} ms)"));
                return latency.Ready == latencyPods && load.Ready == throughputPods ? CommandLine.Success : CommandLine.Failure;
            }
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"podlife bench: {e.Message}");
            return CommandLine.Failure;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    static double Ms(List<TimeSpan> sorted, double p) =>
        Math.Round(sorted[(int)Math.Max(0, Math.Ceiling(p * sorted.Count) - 1)].TotalMilliseconds);

    // What kubelet's SyncPod costs at the runtime alone: a pod sandbox (network included) and one started container.
    static async Task<List<TimeSpan>> RawCriAsync(CriNodeOptions options, int count, CancellationToken ct)
    {
        using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = options.Socket, PodLogDirectory = options.PodLogDirectory });
        await runtime.PullImageAsync(Image, ct);
        var times = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var sandbox = new PodSandboxConfig($"raw-{i}", "bench", Guid.NewGuid().ToString());
            var started = Stopwatch.GetTimestamp();
            var id = await runtime.RunPodSandboxAsync(sandbox, ct);
            try
            {
                var container = await runtime.CreateContainerAsync(id, new ContainerConfig("pause", 0, Image, [], []), sandbox, ct);
                await runtime.StartContainerAsync(container, ct);
                times.Add(Stopwatch.GetElapsedTime(started));
            }
            finally
            {
                await runtime.StopPodSandboxAsync(id, ct);
                await runtime.RemovePodSandboxAsync(id, ct);
            }
        }
        times.Sort();
        return times;
    }
}
