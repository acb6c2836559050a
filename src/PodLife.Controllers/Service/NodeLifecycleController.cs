using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Controllers.NodeLifecycle;
using PodLife.Controllers.TaintEviction;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>
/// The node lifecycle and taint eviction controllers: every monitor period (and when a toleration runs out) it runs a
/// <see cref="NodeLifecyclePass"/> over the watched nodes, node Leases and pods and writes the decisions to the API.
/// With <paramref name="shared"/> it reads caches that their owner runs; without, it runs caches of its own.
/// </summary>
public sealed class NodeLifecycleController(IClusterApi api, ControllersOptions options, LeaderElector elector, TimeProvider time,
    ILogger<NodeLifecycleController> logger, ControllerInformers? shared = null)
    : BackgroundService
{
    readonly NodeLifecyclePass _pass = new(options.NodeLifecycle);
    readonly ControllerInformers _informers = shared ?? new(api, options, time, logger);

    internal IReadOnlyList<V1Node> WatchedNodes => _informers.Nodes.Snapshot();
    internal IReadOnlyList<V1Pod> WatchedPods => _informers.Pods.Snapshot();

    /// <summary>Completes once nodes, pods and node leases have been listed.</summary>
    public Task Synced => Task.WhenAll(_informers.Nodes.Synced, _informers.Pods.Synced, _informers.Leases.Synced);

    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(shared is null ? _informers.RunAsync(ct) : Task.CompletedTask, MonitorAsync(ct));

    async Task MonitorAsync(CancellationToken ct)
    {
        await Synced.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = now + options.NodeLifecycle.MonitorPeriod;
            if (elector.IsLeader)
            {
                var plan = await RunPassAsync(now, ct);
                if (plan.NextEvictionAt < next)
                    next = plan.NextEvictionAt.Value;
            }
            await Task.Delay(next - now, time, ct);
        }
    }

    /// <summary>One pass and its writes; public so tests can drive it with a fake clock.</summary>
    public async Task<NodeLifecyclePlan> RunPassAsync(DateTimeOffset now, CancellationToken ct)
    {
        var leases = _informers.Leases.Snapshot().ToDictionary(l => l.Metadata.Name);
        var nodes = _informers.Nodes.Snapshot();
        var plan = _pass.Run(nodes, leases, _informers.Pods.Snapshot(), now);
        foreach (var node in plan.Registered)
        {
            var name = node.Metadata.Name;
            await Try(() => api.CreateCoreEventAsync(ControllerEvents.ForNode(node, "Normal", "RegisteredNode", $"Node {name} event: Registered Node {name} in Controller", ControllerEvents.NodeController, now), ct));
        }
        foreach (var update in plan.NodeUpdates)
        {
            if (update.Conditions is not null)
                await Try(() => api.PatchNodeStatusAsync(update.NodeName, new V1Node { Status = new V1NodeStatus { Conditions = update.Conditions } }, ct));
            if (update.Taints is not null)
                await Try(() => api.PatchNodeAsync(update.NodeName, new V1Node { Spec = new V1NodeSpec { Taints = update.Taints } }, ct));
            if (update.BecameNotReady && nodes.FirstOrDefault(n => n.Metadata.Name == update.NodeName) is { } node)
                await Try(() => api.CreateCoreEventAsync(ControllerEvents.ForNode(node, "Normal", "NodeNotReady", $"Node {update.NodeName} status is now: NodeNotReady", ControllerEvents.NodeController, now), ct));
        }
        foreach (var update in plan.PodsNotReady)
        {
            var pod = update.Pod;
            var ready = update.Conditions.Where(c => c.Type == "Ready").ToList();
            await Try(() => api.PatchPodStatusAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, new V1Pod { Status = new V1PodStatus { Conditions = ready } }, ct));
            await Try(() => api.CreateCoreEventAsync(ControllerEvents.ForPod(pod, "Warning", PodsNotReady.EventReason, PodsNotReady.EventMessage, ControllerEvents.NodeController, now), ct));
        }
        foreach (var pod in plan.Evictions)
        {
            var (ns, name) = (pod.Metadata.NamespaceProperty, pod.Metadata.Name);
            await Try(() => api.CreateCoreEventAsync(ControllerEvents.ForPod(pod, "Normal", TaintEvictionRules.EventReason, TaintEvictionRules.EventMessage(ns, name), ControllerEvents.TaintEvictionController, now), ct));
            await Try(() => api.PatchPodStatusAsync(ns, name, new V1Pod { Status = new V1PodStatus { Conditions = [TaintEvictionRules.DisruptionTarget(now)] } }, ct));
            // A graceful delete: the pod shows Terminating until its kubelet (or pod GC) finishes it.
            await Try(() => api.DeletePodAsync(ns, name, null, ct));
        }
        return plan;
    }

    Task Try(Func<Task> call) => BestEffort.RunAsync(call, logger, "node lifecycle write");
}
