using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Model;

/// <summary>A pod with what scheduling needs precomputed once (requests, host ports), as kube-scheduler's PodInfo.</summary>
public sealed record SchedulingPod(V1Pod Pod, ResourceAmounts Requests, ResourceAmounts NonZeroRequests, IReadOnlyList<HostPort> HostPorts)
{
    public string Key { get; } = KeyOf(Pod);
    public string Namespace => Pod.Metadata?.NamespaceProperty ?? "default";
    public string Name => Pod.Metadata?.Name ?? "";
    public V1PodSpec Spec => Pod.Spec;
    public int Priority => Pod.Spec?.Priority ?? 0;
    public string? NodeName => string.IsNullOrEmpty(Pod.Spec?.NodeName) ? null : Pod.Spec.NodeName;

    /// <summary>Builds the scheduling view of a pod; a pod without a spec is rejected with a clear error.</summary>
    public static SchedulingPod From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec is null)
            throw new ArgumentException($"pod {KeyOf(pod)} has no spec", nameof(pod));
        return new SchedulingPod(pod, PodRequests.Of(pod.Spec), PodRequests.NonZeroOf(pod.Spec), HostPort.OfPod(pod.Spec));
    }

    public static string KeyOf(V1Pod pod) => $"{pod.Metadata?.NamespaceProperty ?? "default"}/{pod.Metadata?.Name}";
}
