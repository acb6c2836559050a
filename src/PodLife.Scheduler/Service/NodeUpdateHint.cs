using k8s.Models;

namespace PodLife.Scheduler.Service;

/// <summary>
/// Whether a node change can make a parked pod schedulable, as kube-scheduler's queueing hints decide for the filters
/// PodLife runs: a new node, or a change of allocatable (NodeResourcesFit), labels (NodeAffinity), taints
/// (TaintToleration) or spec.unschedulable (NodeUnschedulable). Heartbeats that only move condition times do not
/// requeue anything, otherwise every node status update would retry every unschedulable pod. Runs on every node
/// update, so it compares field by field instead of serializing.
/// </summary>
public static class NodeUpdateHint
{
    public static bool MayMakePodsSchedulable(V1Node? old, V1Node node) =>
        old is null
        || !SameQuantities(old.Status?.Allocatable, node.Status?.Allocatable)
        || !SameLabels(old.Metadata?.Labels, node.Metadata?.Labels)
        || !SameTaints(old.Spec?.Taints, node.Spec?.Taints)
        || (old.Spec?.Unschedulable ?? false) != (node.Spec?.Unschedulable ?? false);

    internal static bool SameLabels(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        SameMap(a, b, (x, y) => x == y);

    static bool SameQuantities(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity>? b) =>
        SameMap(a, b, (x, y) => x?.ToString() == y?.ToString());

    // An absent map and an empty one mean the same to every filter.
    static bool SameMap<T>(IDictionary<string, T>? a, IDictionary<string, T>? b, Func<T, T, bool> same)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !same(value, other)) return false;
        return true;
    }

    // Taints are compared in order: kube-scheduler's reflect.DeepEqual does too, and nodes keep their order.
    static bool SameTaints(IList<V1Taint>? a, IList<V1Taint>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        for (var i = 0; i < a.Count; i++)
            if ((a[i].Key, a[i].Value, a[i].Effect) != (b[i].Key, b[i].Value, b[i].Effect)) return false;
        return true;
    }
}
