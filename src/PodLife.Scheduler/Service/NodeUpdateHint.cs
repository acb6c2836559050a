using k8s.Models;
using PodLife.Core.Client;
using PodLife.Scheduler.Model;

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
        || !ModelEquality.Quantities(old.Status?.Allocatable, node.Status?.Allocatable)
        || !StringMaps.Same(old.Metadata?.Labels, node.Metadata?.Labels)
        || !ModelEquality.Taints(old.Spec?.Taints, node.Spec?.Taints)
        || (old.Spec?.Unschedulable ?? false) != (node.Spec?.Unschedulable ?? false);
}
