using k8s.Models;
using PodLife.Controllers.TaintEviction;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// One pass of the node lifecycle and taint eviction controllers over a snapshot of nodes, leases and bound pods. Pure but
/// for the memory it keeps between passes (node health, when each pod's eviction was first scheduled).
/// </summary>
public sealed class NodeLifecyclePass(NodeLifecycleOptions options)
{
    readonly Dictionary<string, NodeHealth> _health = [];
    readonly Dictionary<string, DateTimeOffset> _evictionSince = [];

    public NodeLifecyclePlan Run(IReadOnlyCollection<V1Node> nodes, IReadOnlyDictionary<string, V1Lease> leases, IReadOnlyCollection<V1Pod> pods, DateTimeOffset now)
    {
        var nodeUpdates = new List<NodeUpdate>();
        var readiness = new Dictionary<string, (string Ready, IList<V1Taint> Taints, bool Quiet)>();
        var registered = new List<V1Node>();
        foreach (var node in nodes)
        {
            var name = node.Metadata.Name;
            if (!_health.ContainsKey(name)) registered.Add(node);
            var health = NodeHealth.Observe(_health.GetValueOrDefault(name), node, leases.GetValueOrDefault(name), now);
            _health[name] = health;
            var status = NodeMonitor.Evaluate(node, health, now, options.GracePeriod, options.StartupGracePeriod);
            var taints = NodeTaints.Reconcile(node.Spec?.Taints, status.Conditions, node.Spec?.Unschedulable == true, status.ObservedReady, now);
            var taintsChanged = !SameTaints(node.Spec?.Taints, taints);
            if (status.Changed || taintsChanged)
                nodeUpdates.Add(new NodeUpdate(name, status.Changed ? status.Conditions : null, taintsChanged ? taints : null, status.BecameNotReady));
            // Quiet: a Ready node without NoExecute taints, which marks none of its pods and evicts none.
            var quiet = status.CurrentReady == NodeConditions.True && !taints.Any(t => t.Effect == Taints.NoExecute);
            readiness[name] = (status.CurrentReady, taints, quiet);
        }
        foreach (var gone in _health.Keys.Except(readiness.Keys).ToList())
            _health.Remove(gone);

        var notReady = new List<PodUpdate>();
        var evictions = new List<V1Pod>();
        DateTimeOffset? next = null;
        var seen = new HashSet<string>();
        foreach (var pod in pods)
        {
            if (pod.Spec?.NodeName is not { } nodeName || !readiness.TryGetValue(nodeName, out var node))
                continue;
            // Passed over on a quiet node; leaving the pod out of `seen` forgets any eviction it had scheduled, as the
            // rules would. At 100,000 pods this is every pod of a healthy cluster, every 5 s.
            if (node.Quiet)
                continue;
            if (PodsNotReady.MarkNotReady(pod, node.Ready, now) is { } conditions)
                notReady.Add(new PodUpdate(pod, conditions));
            if (pod.Metadata?.DeletionTimestamp is not null)
                continue;

            var key = SchedulingPod.KeyOf(pod);
            seen.Add(key);
            var decision = TaintEvictionRules.Decide(node.Taints, pod.Spec.Tolerations, now, _evictionSince.TryGetValue(key, out var since) ? since : null);
            if (!decision.Evicts)
            {
                _evictionSince.Remove(key);
                continue;
            }
            _evictionSince.TryAdd(key, now);
            if (decision.EvictAt <= now)
            {
                evictions.Add(pod);
                _evictionSince.Remove(key);
            }
            else if (next is null || decision.EvictAt < next)
            {
                next = decision.EvictAt;
            }
        }
        foreach (var gone in _evictionSince.Keys.Except(seen).ToList())
            _evictionSince.Remove(gone);
        return new NodeLifecyclePlan(nodeUpdates, notReady, evictions, next) { Registered = registered };
    }

    static bool SameTaints(IList<V1Taint>? before, IList<V1Taint> after) =>
        (before?.Count ?? 0) == after.Count && (before ?? []).Zip(after).All(p => p.First.Key == p.Second.Key && p.First.Effect == p.Second.Effect && p.First.Value == p.Second.Value);
}
