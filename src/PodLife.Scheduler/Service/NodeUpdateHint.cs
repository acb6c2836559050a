using k8s;
using k8s.Models;

namespace PodLife.Scheduler.Service;

/// <summary>
/// Whether a node change can make a parked pod schedulable, as kube-scheduler's queueing hints decide for the filters
/// PodLife runs: a new node, or a change of allocatable (NodeResourcesFit), labels (NodeAffinity), taints
/// (TaintToleration) or spec.unschedulable (NodeUnschedulable). Heartbeats that only move condition times do not
/// requeue anything, otherwise every node status update would retry every unschedulable pod.
/// </summary>
public static class NodeUpdateHint
{
    public static bool MayMakePodsSchedulable(V1Node? old, V1Node node) =>
        old is null
        || !Same(old.Status?.Allocatable, node.Status?.Allocatable)
        || !Same(old.Metadata?.Labels, node.Metadata?.Labels)
        || !Same(old.Spec?.Taints, node.Spec?.Taints)
        || (old.Spec?.Unschedulable ?? false) != (node.Spec?.Unschedulable ?? false);

    static bool Same(object? a, object? b) => KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b);
}
