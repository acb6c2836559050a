using k8s.Models;

namespace PodLife.Scheduler.Service;

/// <summary>The PodScheduled=False condition kube-scheduler writes for a pod that did not fit (reason Unschedulable).</summary>
public static class PodScheduledCondition
{
    public const string Type = "PodScheduled";
    public const string Unschedulable = "Unschedulable";

    /// <summary>
    /// The condition to patch, or null when the pod already says exactly this. lastTransitionTime only moves when the
    /// status changes, as the API's condition helpers keep it.
    /// </summary>
    public static V1PodCondition? ForUnschedulable(V1Pod pod, string message, DateTimeOffset now)
    {
        var current = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == Type);
        if (current is { Status: "False", Reason: Unschedulable } && current.Message == message)
            return null;
        return new V1PodCondition
        {
            Type = Type,
            Status = "False",
            Reason = Unschedulable,
            Message = message,
            LastTransitionTime = current?.Status == "False" ? current.LastTransitionTime : now.UtcDateTime,
        };
    }

    /// <summary>The strategic merge patch for pods/status carrying one condition (conditions merge on type).</summary>
    public static V1Pod StatusPatch(V1PodCondition condition) => new() { Status = new V1PodStatus { Conditions = [condition] } };
}
