using System.Diagnostics;
using PodLife.Bench.Reporting;
using PodLife.Node.Cri;
using PodLife.Node.Runtime;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench cri`: create→Running through the API, scheduler and one real node for pods whose image is cached,
/// next to the raw CRI time (RunPodSandbox + CreateContainer + StartContainer) measured on the same containerd.
/// </summary>
public static class CriBenchmark
{
    const string Image = "registry.k8s.io/pause:3.10";
    const int RawRuns = 10;
    const int LatencyRate = 1;

    /// <summary>Target (issue #8): create→Running p50 within twice the raw CRI time.</summary>
    public static async Task<bool> RunAsync(BenchReport report, int latencyPods, int throughputPods, string? containerdSocket, TextWriter log, CancellationToken ct)
    {
        string[] runtimeArgs = containerdSocket is null ? ["--runtime", "cri"] : ["--runtime", "cri", "--containerd-socket", containerdSocket];
        var cri = CriFlags.Take(runtimeArgs, out _, out _)!;
        if (await cri.MissingAsync(ct) is { } missing) throw new InvalidOperationException(missing);
        var dir = Directory.CreateTempSubdirectory("podlife-bench-cri-").FullName;
        try
        {
            var (options, started) = await cri.PrepareAsync(dir, ct);
            await using (started)
            {
                var raw = await RawCriAsync(options, RawRuns, ct);
                var rawP50 = Percentiles.Of(raw, 50);
                await log.WriteLineAsync($"raw CRI (sandbox + create + start, cached image): p50 {rawP50:F0} ms over {RawRuns}");
                // One pod a second for the latency: a start takes well under a second when alone, so each one measures
                // the path next to the raw figure (measured one at a time too), not a share of two cores with the others.
                var latency = await LifecycleBenchmark.RunAsync(new LifecycleBenchmark.Options(latencyPods, 1, LatencyRate, Cri: options), log, BenchProgress.OnConsole(), ct);
                var load = await LifecycleBenchmark.RunAsync(new LifecycleBenchmark.Options(throughputPods, 1, 0, Cri: options), log, BenchProgress.OnConsole(), ct);
                report.AddRange(
                [
                    new("cri", $"raw CRI sandbox + create + start p50 ({RawRuns} runs)", rawP50, "ms"),
                    new("cri", $"create->Running p50 ({latency.Ready}/{latencyPods} pods at {LatencyRate} pod/s)", latency.P50.TotalMilliseconds, "ms", Target.AtMost(2 * rawP50)),
                    new("cri", $"create->Running p99 ({latency.Ready}/{latencyPods} pods at {LatencyRate} pod/s)", latency.P99.TotalMilliseconds, "ms"),
                    new("cri", $"{load.Ready}/{throughputPods} pods created at once: Running", load.PodsPerSecond, "pods/s"),
                ]);
                return latency.Ready == latencyPods && load.Ready == throughputPods;
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    // What kubelet's SyncPod costs at the runtime alone: a pod sandbox (network included) and one started container.
    static async Task<List<double>> RawCriAsync(CriNodeOptions options, int count, CancellationToken ct)
    {
        using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = options.Socket, PodLogDirectory = options.PodLogDirectory });
        await runtime.PullImageAsync(Image, ct);
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var sandbox = new PodSandboxConfig($"raw-{i}", "bench", Guid.NewGuid().ToString());
            var started = Stopwatch.GetTimestamp();
            var id = await runtime.RunPodSandboxAsync(sandbox, ct);
            try
            {
                var container = await runtime.CreateContainerAsync(id, new ContainerConfig("pause", 0, Image, [], []), sandbox, ct);
                await runtime.StartContainerAsync(container, ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            finally
            {
                await runtime.StopPodSandboxAsync(id, ct);
                await runtime.RemovePodSandboxAsync(id, ct);
            }
        }
        return times;
    }
}
