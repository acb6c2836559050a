using System.Collections.Concurrent;
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
    /// <param name="Cri">One real node on this containerd instead of simulated ones (<c>podlife bench cri</c>).</param>
    public sealed record Options(int Pods = 10_000, int Nodes = 100, double Rate = 100, double Speed = 1, PodLife.Node.Cri.CriNodeOptions? Cri = null);

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
            using var cluster = UpCommand.BuildComponents(host, options.Nodes, options.Speed, options.Cri);
            await cluster.StartAsync(ct);
            try
            {
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig()));
                if (options.Cri is not null) await WaitForNodeAsync(client, options.Cri.NodeName, ct);
                await progress.WriteLineAsync($"{(options.Cri is null ? options.Nodes : 1)} nodes registered; creating {options.Pods} pods at {(options.Rate > 0 ? $"{options.Rate} pods/s" : "full speed")}");
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
        var createdAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentDictionary<string, long>();
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopWatch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var list = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        var watch = Task.Run(async () =>
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stopWatch.Token))
            {
                var now = Stopwatch.GetTimestamp();
                if (pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) != true) continue;
                if (createdAt.TryGetValue(pod.Name(), out var start) && latencies.TryAdd(pod.Name(), now - start) && latencies.Count == options.Pods)
                    allReady.TrySetResult();
            }
        }, CancellationToken.None);

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
                    createdAt[name] = Stopwatch.GetTimestamp();
                    await client.CoreV1.CreateNamespacedPodAsync(Pod(name), "default", cancellationToken: ct);
                }
                finally { limit.Release(); }
            }, ct));
        }
        await Task.WhenAll(creates);
        var createPhase = Stopwatch.GetElapsedTime(begin);
        var timeout = TimeSpan.FromSeconds(60 + options.Pods / 10.0);
        await Task.WhenAny(allReady.Task, Task.Delay(timeout, ct));
        var toAllReady = Stopwatch.GetElapsedTime(begin);
        await stopWatch.CancelAsync();
        try { await watch; } catch (OperationCanceledException) { }

        var deleteStart = Stopwatch.GetTimestamp();
        await client.CoreV1.DeleteCollectionNamespacedPodAsync("default", cancellationToken: ct);
        while ((await client.CoreV1.ListNamespacedPodAsync("default", limit: 1, cancellationToken: ct)).Items.Count > 0 && Stopwatch.GetElapsedTime(deleteStart) < timeout)
            await Task.Delay(100, ct);
        var deleteAll = Stopwatch.GetElapsedTime(deleteStart);

        var sorted = latencies.Values.Order().ToList();
        TimeSpan At(double p) => sorted.Count == 0 ? TimeSpan.Zero
            : Stopwatch.GetElapsedTime(0, sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)]);
        using var self = Process.GetCurrentProcess();
        return new Result(options.Pods, options.Nodes, sorted.Count, createPhase, toAllReady, At(0.50), At(0.99), deleteAll, self.PeakWorkingSet64);
    }

    // The real node registers in the background once containerd answers; pods created before would wait to be scheduled.
    static async Task WaitForNodeAsync(Kubernetes client, string node, CancellationToken ct)
    {
        for (var i = 0; i < 300; i++)
        {
            var nodes = await client.CoreV1.ListNodeAsync(fieldSelector: $"metadata.name={node}", cancellationToken: ct);
            if (nodes.Items.Any(n => n.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true)) return;
            await Task.Delay(100, ct);
        }
        throw new InvalidOperationException($"node {node} did not become Ready");
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
