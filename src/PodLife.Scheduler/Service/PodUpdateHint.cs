using k8s;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Service;

/// <summary>
/// Whether an update of an unscheduled pod can change where it may go, so that a parked pod is worth another try
/// (kube-scheduler's isPodUpdated ignores status-only updates, such as the scheduler's own PodScheduled patches).
/// Compares the fields the filters and scores read: labels, scheduler name, priority, gates, tolerations, node
/// selector and affinity, overhead, and each container's resources, restart policy and host ports.
/// </summary>
public static class PodUpdateHint
{
    public static bool MayChangeScheduling(V1Pod old, V1Pod pod)
    {
        var (a, b) = (old.Spec, pod.Spec);
        if (a is null || b is null) return !ReferenceEquals(a, b);
        return !StringMaps.Same(old.Metadata?.Labels, pod.Metadata?.Labels)
            || a.NodeName != b.NodeName || a.SchedulerName != b.SchedulerName || a.Priority != b.Priority
            || !ModelEquality.Lists(a.SchedulingGates, b.SchedulingGates, (x, y) => x.Name == y.Name)
            || !ModelEquality.Tolerations(a.Tolerations, b.Tolerations)
            || !StringMaps.Same(a.NodeSelector, b.NodeSelector)
            || !SameAffinity(a.Affinity, b.Affinity)
            || !ModelEquality.Quantities(a.Overhead, b.Overhead)
            || !ModelEquality.Lists(a.Containers, b.Containers, SameContainer)
            || !ModelEquality.Lists(a.InitContainers, b.InitContainers, SameContainer);
    }

    static bool SameContainer(V1Container a, V1Container b) =>
        a.Name == b.Name && a.RestartPolicy == b.RestartPolicy
        && ModelEquality.Quantities(a.Resources?.Requests, b.Resources?.Requests)
        && ModelEquality.Quantities(a.Resources?.Limits, b.Resources?.Limits)
        && ModelEquality.Lists(a.Ports, b.Ports, (x, y) => x.HostPort == y.HostPort && x.HostIP == y.HostIP && x.Protocol == y.Protocol);

    // Affinity is a deep tree that few pods carry; only when one of them has it is it compared through its JSON form.
    static bool SameAffinity(V1Affinity? a, V1Affinity? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && KubernetesJson.Serialize(a) == KubernetesJson.Serialize(b));
}
