using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Node.Pods;

/// <summary>
/// Which changes to a pod make kubelet sync it again (pkg/kubelet/config/config.go checkAndUpdatePod): its spec,
/// labels, annotations or deletion. A change of status alone, most often the node's own status write coming back
/// through the watch, is only reconciled: a sync for it would pull an image with pullPolicy Always again and repeat
/// a failed start long before kubelet's 10 s retry.
/// </summary>
public static class PodChange
{
    /// <summary>True when <paramref name="next"/> differs from <paramref name="previous"/> in what kubelet syncs for.</summary>
    public static bool Differs(V1Pod previous, V1Pod next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var (a, b) = (previous.Metadata, next.Metadata);
        // The API server bumps generation on every change of the spec; without one, assume it changed.
        return a?.Generation is not { } before || b?.Generation is not { } after || before != after
            || a.DeletionTimestamp != b.DeletionTimestamp
            || a.DeletionGracePeriodSeconds != b.DeletionGracePeriodSeconds
            || !StringMaps.Same(a.Labels, b.Labels)
            || !StringMaps.Same(a.Annotations, b.Annotations);
    }

    /// <summary>
    /// A pod with readiness gates: a status change (a gate's condition set by its controller) can change its Ready
    /// condition, which kubelet reconciles with a sync (NeedToReconcilePodReadiness).
    /// </summary>
    public static bool MayNeedReadinessReconciled(V1Pod pod) => pod?.Spec?.ReadinessGates is { Count: > 0 };
}
