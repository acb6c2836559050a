namespace PodLife.Core.Lifecycle;

/// <summary>Pod condition reasons and fixed messages (pkg/kubelet/status/generate.go, the scheduler, pkg/registry/core/pod/strategy.go).</summary>
public static class ConditionReasons
{
    public const string UnknownContainerStatuses = "UnknownContainerStatuses";
    public const string PodCompleted = "PodCompleted";
    public const string PodFailed = "PodFailed";
    public const string ContainersNotReady = "ContainersNotReady";
    public const string ContainersNotInitialized = "ContainersNotInitialized";
    public const string ReadinessGatesNotReady = "ReadinessGatesNotReady";
    public const string Unschedulable = "Unschedulable";
    public const string SchedulingGated = "SchedulingGated";

    public const string SchedulingGatedMessage = "Scheduling is blocked due to non-empty scheduling gates";
}
