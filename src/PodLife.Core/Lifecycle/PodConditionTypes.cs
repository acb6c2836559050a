namespace PodLife.Core.Lifecycle;

/// <summary>Pod condition types, and which of them kubelet owns (pkg/kubelet/types/pod_status.go PodConditionByKubelet).</summary>
public static class PodConditionTypes
{
    public const string PodScheduled = "PodScheduled";
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";
    public const string DisruptionTarget = "DisruptionTarget";

    /// <summary>The order in which kubelet appends its own conditions after everyone else's (generateAPIPodStatus).</summary>
    public static IReadOnlyList<string> KubeletOrder { get; } =
        [PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled];

    /// <summary>Kubelet rewrites these on every status; all others (readiness gates, DisruptionTarget) are kept as they are.</summary>
    public static bool IsOwnedByKubelet(string? type) => type is not null && KubeletOrder.Contains(type);

    /// <summary>Not owned by kubelet, but kubelet may add or replace it (PodConditionSharedByKubelet): DisruptionTarget on eviction.</summary>
    public static bool IsSharedWithKubelet(string? type) => type == DisruptionTarget;
}
