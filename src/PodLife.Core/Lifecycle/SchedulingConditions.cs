using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>PodScheduled and PodReadyToStartContainers, as the scheduler, the API server and kubelet write them.</summary>
public static class SchedulingConditions
{
    /// <summary>PodScheduled=True: set on binding, and re-asserted by kubelet on every status.</summary>
    public static V1PodCondition Scheduled() => PodConditions.Condition(PodConditionTypes.PodScheduled, ConditionStatus.True);

    /// <summary>PodScheduled=False after a failed scheduling attempt, e.g. "0/3 nodes are available: ...".</summary>
    public static V1PodCondition Unschedulable(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return PodConditions.Condition(PodConditionTypes.PodScheduled, ConditionStatus.False, ConditionReasons.Unschedulable, message);
    }

    /// <summary>PodScheduled=False set at creation for a pod with scheduling gates.</summary>
    public static V1PodCondition SchedulingGated() =>
        PodConditions.Condition(PodConditionTypes.PodScheduled, ConditionStatus.False,
            ConditionReasons.SchedulingGated, ConditionReasons.SchedulingGatedMessage);

    /// <summary>PodReadyToStartContainers: True once the sandbox and its network exist; False, without a reason, while it is (re)created.</summary>
    public static V1PodCondition ReadyToStartContainers(bool sandboxReady) =>
        PodConditions.Condition(PodConditionTypes.PodReadyToStartContainers, sandboxReady ? ConditionStatus.True : ConditionStatus.False);
}
