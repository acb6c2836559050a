using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.ApiServer.Hosting;
using PodLife.Bench.Reporting;
using PodLife.Scheduler.Service;
using PodLife.Store.Sqlite;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench scheduler --api`: the scheduler end to end through the API, as in `podlife up` but without node
/// agents: an API server on SQLite in this process, N nodes registered through the API, the scheduler running as an
/// API client (list+watch, pods/binding, Scheduled events), then M pods created by 64 clients at full speed. Each pod
/// is timed from its create call to the moment a separate pod watch sees it bound.
/// </summary>
public static class SchedulerApiBenchmark
{
    public sealed record Options(int Nodes = 5000, int Pods = 50_000);

    public sealed record Result(int Nodes, int Pods, int Bound, TimeSpan NodesPhase, TimeSpan CreatePhase, TimeSpan ToAllBound,
        TimeSpan P50, TimeSpan P99)
    {
        public double CreatesPerSecond => Pods / CreatePhase.TotalSeconds;
        public double PodsPerSecond => Bound / ToAllBound.TotalSeconds;

        // Target (issue #6): at least 1,000 pods/s bound with 5,000 nodes and 50,000 pending pods.
        public IReadOnlyList<Figure> Figures() =>
        [
            new("scheduler", $"API: {Nodes} nodes, {Pods} pods created by 64 clients", CreatesPerSecond, "pods/s", Limit: LimitKind.DurableWrites),
            new("scheduler", $"API: {Pods} pods bound", PodsPerSecond, "pods/s", Target.AtLeast(1_000), LimitKind.DurableWrites),
            new("scheduler", "API: create->bound p50 (all pods at full speed)", P50.TotalSeconds, "s"),
            new("scheduler", "API: create->bound p99 (all pods at full speed)", P99.TotalSeconds, "s"),
        ];
    }

    const int Clients = 64;

    public static async Task<Result> RunAsync(Options options, TextWriter progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = Directory.CreateTempSubdirectory("podlife-bench-scheduler-").FullName;
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(dataDir, "store"), historyWindow: 100_000);
            await using var host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = dataDir, Port = 0, Store = store }, ct);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig()));

            var nodesStart = Stopwatch.GetTimestamp();
            await ParallelAsync(options.Nodes, i => client.CoreV1.CreateNodeAsync(Node($"node-{i}"), cancellationToken: ct));
            var nodesPhase = Stopwatch.GetElapsedTime(nodesStart);
            await progress.WriteLineAsync($"{options.Nodes} nodes registered through the API in {nodesPhase.TotalSeconds:F1}s; creating {options.Pods} pods");

            // The scheduler is a component of the cluster in this process, as in `podlife up`: it reaches the server in memory.
            using var schedulerClient = host.CreateInProcessAdminClient();
            using var scheduler = new SchedulerService(new PodLife.Scheduler.Api.KubernetesClusterApi(schedulerClient),
                new SchedulerOptions { Seed = 1 }, TimeProvider.System, NullLoggerFactory.Instance);
            await scheduler.StartAsync(ct);
            try
            {
                return await MeasureAsync(client, options, nodesPhase, ct);
            }
            finally
            {
                await scheduler.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<Result> MeasureAsync(Kubernetes client, Options options, TimeSpan nodesPhase, CancellationToken ct)
    {
        await using var watch = await PodLatencyWatch.StartAsync(client, options.Pods, pod => !string.IsNullOrEmpty(pod.Spec?.NodeName), ct);
        var begin = Stopwatch.GetTimestamp();
        var random = new Random(1);
        var requests = Enumerable.Range(0, options.Pods).Select(_ => ($"{100 + random.Next(5) * 100}m", $"{128 << random.Next(3)}Mi")).ToArray();
        await ParallelAsync(options.Pods, async i =>
        {
            var name = $"bench-{i}";
            watch.Created(name);
            await client.CoreV1.CreateNamespacedPodAsync(Pod(name, requests[i].Item1, requests[i].Item2), "default", cancellationToken: ct);
        });
        var createPhase = Stopwatch.GetElapsedTime(begin);
        // A generous bound: even a slow machine binds far more than 10 pods/s.
        await Task.WhenAny(watch.AllReached, Task.Delay(TimeSpan.FromSeconds(60 + options.Pods / 10.0), ct));
        var toAllBound = Stopwatch.GetElapsedTime(begin);
        var latencies = await watch.StopAsync();
        return new Result(options.Nodes, options.Pods, latencies.Count, nodesPhase, createPhase, toAllBound, latencies.At(0.50), latencies.At(0.99));
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1 from <see cref="Clients"/> concurrent callers.</summary>
    static Task ParallelAsync(int count, Func<int, Task> work)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                await work(i);
        }));
    }

    static V1Node Node(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Status = new V1NodeStatus
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("32"), ["memory"] = new("128Gi"), ["pods"] = new("110") },
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("32"), ["memory"] = new("128Gi"), ["pods"] = new("110") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status" }],
        },
    };

    static V1Pod Pod(string name, string cpu, string memory) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "pause", Image = "registry.k8s.io/pause:3.10",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) } },
                },
            ],
        },
    };
}
