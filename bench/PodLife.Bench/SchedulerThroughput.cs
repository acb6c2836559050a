using System.Diagnostics;
using k8s.Models;
using PodLife.Bench.Reporting;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Queue;

namespace PodLife.Bench;

/// <summary>
/// Scheduling throughput of the pure scheduler core (queue → cycle → assume), no API in the loop: N nodes, M pending
/// pods created at once, as kube-scheduler's scheduler_perf "SchedulingBasic" shape. Prints pods/s and latencies.
/// </summary>
public static class SchedulerThroughput
{
    public sealed record Result(int Nodes, int Pods, int Scheduled, TimeSpan Elapsed, double PodsPerSecond, TimeSpan CycleP50, TimeSpan CycleP99, TimeSpan CreateToBoundP99)
    {
        // Target (issue #6): at least 1,000 pods/s with 5,000 nodes and 50,000 pending pods.
        public IReadOnlyList<Figure> Figures() =>
        [
            new("scheduler", $"core: {Nodes} nodes, {Pods} pods, scheduled", PodsPerSecond, "pods/s", Target.AtLeast(1_000)),
            new("scheduler", "core: cycle p50", CycleP50.TotalMilliseconds, "ms"),
            new("scheduler", "core: cycle p99", CycleP99.TotalMilliseconds, "ms"),
            new("scheduler", "core: create->bound p99 (all pods at once)", CreateToBoundP99.TotalSeconds, "s"),
        ];
    }

    public static Result Run(int nodeCount, int podCount, int seed = 1)
    {
        var cache = new ClusterCache();
        for (var i = 0; i < nodeCount; i++)
            cache.SetNode(Node($"node-{i}"));
        var queue = new SchedulingQueue();
        var created = DateTimeOffset.UnixEpoch;
        var random = new Random(seed);
        for (var i = 0; i < podCount; i++)
            queue.Add(Pod($"pod-{i}", $"{100 + random.Next(5) * 100}m", $"{128 << random.Next(3)}Mi"), created);

        var scheduler = new PodScheduler(SchedulerProfile.Default, new Random(seed));
        var cycles = new List<long>(podCount);
        var bound = new List<long>(podCount);
        var total = Stopwatch.StartNew();
        var scheduled = 0;
        while (queue.Pop(created) is { } next)
        {
            var start = Stopwatch.GetTimestamp();
            var result = scheduler.Schedule(next.Pod, cache);
            if (result.NodeName is { } node)
            {
                cache.Assume(next.Pod, node);
                queue.Done(next.Pod.Key);
                scheduled++;
            }
            else
            {
                queue.Unschedulable(next, created);
            }
            var end = Stopwatch.GetTimestamp();
            cycles.Add(end - start);
            // Every pod was created when the run started, so create-to-bound is the time since then.
            bound.Add(total.ElapsedTicks);
        }
        total.Stop();
        cycles.Sort();
        bound.Sort();
        return new Result(nodeCount, podCount, scheduled, total.Elapsed, scheduled / total.Elapsed.TotalSeconds,
            Ticks(Percentile(cycles, 0.50)), Ticks(Percentile(cycles, 0.99)), Ticks(Percentile(bound, 0.99)));
    }

    static long Percentile(List<long> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);

    static V1Node Node(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("32"), ["memory"] = new("128Gi"), ["pods"] = new("110") },
        },
    };

    static V1Pod Pod(string name, string cpu, string memory) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = name },
        Spec = new V1PodSpec
        {
            SchedulerName = "default-scheduler",
            Containers =
            [
                new V1Container
                {
                    Name = "c", Image = "registry.k8s.io/pause:3.10",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) } },
                },
            ],
        },
    };
}
