using System.Diagnostics;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Hosting;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench lifecycle`: an in-memory API server, the scheduler and M simulated nodes in this process, all
/// talking HTTPS as in `podlife up`; N pods (registry.k8s.io/pause) are created at a given rate and timed from the
/// create call to the moment a pod watch sees them Ready, then deleted (graceful, through their nodes) until none is left.
/// </summary>
public static class LifecycleBenchmark
{
    public sealed record Options(int Pods = 10_000, int Nodes = 100, double Rate = 100, double Speed = 1);

    public sealed record Result(int Pods, int Nodes, int Ready, TimeSpan CreatePhase, TimeSpan ToAllReady, TimeSpan P50, TimeSpan P99,
        TimeSpan DeleteAll, long PeakRssBytes)
    {
        public double PodsPerSecond => Ready / ToAllReady.TotalSeconds;
    }

    public static async Task<Result> RunAsync(Options options, TextWriter progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = Directory.CreateTempSubdirectory("podlife-bench-").FullName;
        try
        {
            await using var host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = dataDir, Port = 0 }, ct);
            using var cluster = UpCommand.BuildComponents(host, options.Nodes, options.Speed);
            await cluster.StartAsync(ct);
            try
            {
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig()));
                await progress.WriteLineAsync($"{options.Nodes} nodes registered; creating {options.Pods} pods at {(options.Rate > 0 ? $"{options.Rate} pods/s" : "full speed")}");
                return await MeasureAsync(client, options, ct);
            }
            finally
            {
                await cluster.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<Result> MeasureAsync(Kubernetes client, Options options, CancellationToken ct)
    {
        await using var watch = await PodLatencyWatch.StartAsync(client, options.Pods,
            pod => pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true, ct);
        var begin = Stopwatch.GetTimestamp();
        var creates = new List<Task>();
        using var limit = new SemaphoreSlim(64);
        for (var i = 0; i < options.Pods; i++)
        {
            if (options.Rate > 0 && Stopwatch.GetElapsedTime(begin) is var elapsed && TimeSpan.FromSeconds(i / options.Rate) - elapsed is { Ticks: > 0 } wait)
                await Task.Delay(wait, ct);
            await limit.WaitAsync(ct);
            var name = $"bench-{i}";
            creates.Add(Task.Run(async () =>
            {
                try
                {
                    watch.Created(name);
                    await client.CoreV1.CreateNamespacedPodAsync(Pod(name), "default", cancellationToken: ct);
                }
                finally { limit.Release(); }
            }, ct));
        }
        await Task.WhenAll(creates);
        var createPhase = Stopwatch.GetElapsedTime(begin);
        var timeout = TimeSpan.FromSeconds(60 + options.Pods / 10.0);
        await Task.WhenAny(watch.AllReached, Task.Delay(timeout, ct));
        var toAllReady = Stopwatch.GetElapsedTime(begin);
        var latencies = await watch.StopAsync();

        var deleteStart = Stopwatch.GetTimestamp();
        await client.CoreV1.DeleteCollectionNamespacedPodAsync("default", cancellationToken: ct);
        while ((await client.CoreV1.ListNamespacedPodAsync("default", limit: 1, cancellationToken: ct)).Items.Count > 0 && Stopwatch.GetElapsedTime(deleteStart) < timeout)
            await Task.Delay(100, ct);
        var deleteAll = Stopwatch.GetElapsedTime(deleteStart);

        using var self = Process.GetCurrentProcess();
        return new Result(options.Pods, options.Nodes, latencies.Count, createPhase, toAllReady, latencies.At(0.50), latencies.At(0.99), deleteAll,
            self.PeakWorkingSet64);
    }

    static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "bench" } },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 0,
            Containers = [new V1Container { Name = "pause", Image = "registry.k8s.io/pause:3.10" }],
        },
    };
}
