using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// The taints the node lifecycle controller keeps in line with a node's state (doNoScheduleTaintingPass and
/// processTaintBaseEviction): NoSchedule taints mirror the conditions and spec.unschedulable; the NoExecute taint follows
/// the Ready status observed at the start of the pass (so a controller-made Unknown gets its NoExecute taint one pass later).
/// </summary>
public static class NodeTaints
{
    static readonly Dictionary<(string Type, string Status), string> ConditionTaints = new()
    {
        [(NodeConditions.Ready, NodeConditions.False)] = Taints.NotReady,
        [(NodeConditions.Ready, NodeConditions.Unknown)] = Taints.Unreachable,
        [(NodeConditions.MemoryPressure, NodeConditions.True)] = "node.kubernetes.io/memory-pressure",
        [(NodeConditions.DiskPressure, NodeConditions.True)] = "node.kubernetes.io/disk-pressure",
        [(NodeConditions.NetworkUnavailable, NodeConditions.True)] = "node.kubernetes.io/network-unavailable",
        [(NodeConditions.PIDPressure, NodeConditions.True)] = "node.kubernetes.io/pid-pressure",
    };

    /// <summary>The node's taints after this pass: controller-owned taints added or removed, every other taint kept as it is.</summary>
    public static IList<V1Taint> Reconcile(IEnumerable<V1Taint>? existing, IEnumerable<V1NodeCondition> conditions, bool unschedulable, string observedReady, DateTimeOffset now)
    {
        var current = (existing ?? []).ToList();
        var wanted = new List<V1Taint>();
        foreach (var c in conditions)
        {
            if (c.Type is not null && c.Status is not null && ConditionTaints.TryGetValue((c.Type, c.Status), out var key))
                wanted.Add(new V1Taint { Key = key, Effect = Taints.NoSchedule });
        }
        if (unschedulable)
            wanted.Add(new V1Taint { Key = Taints.Unschedulable, Effect = Taints.NoSchedule });
        var noExecute = observedReady switch
        {
            NodeConditions.False => Taints.NotReady,
            NodeConditions.Unknown => Taints.Unreachable,
            _ => null,
        };
        if (noExecute is not null)
            wanted.Add(new V1Taint { Key = noExecute, Effect = Taints.NoExecute, TimeAdded = now.UtcDateTime });

        var result = current.Where(t => !IsOwned(t) || wanted.Any(w => SameTaint(w, t))).ToList();
        result.AddRange(wanted.Where(w => !current.Any(t => SameTaint(w, t))));
        return result;
    }

    /// <summary>Taints this controller manages; others (user taints, out-of-service) are never touched.</summary>
    static bool IsOwned(V1Taint t) =>
        t.Effect == Taints.NoSchedule && (t.Key == Taints.Unschedulable || ConditionTaints.ContainsValue(t.Key))
        || t.Effect == Taints.NoExecute && t.Key is Taints.NotReady or Taints.Unreachable;

    static bool SameTaint(V1Taint a, V1Taint b) => a.Key == b.Key && a.Effect == b.Effect;
}
