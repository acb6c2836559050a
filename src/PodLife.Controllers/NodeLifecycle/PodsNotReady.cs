using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// MarkPodsNotReady (pkg/controller/util/node): a pod on a node whose Ready is not True gets its Ready condition set
/// False (status only; phase and reason unchanged) and a Warning NodeNotReady event "Node is not ready".
/// </summary>
public static class PodsNotReady
{
    public const string EventReason = "NodeNotReady";
    public const string EventMessage = "Node is not ready";

    /// <summary>The pod's conditions with Ready turned False, or null when there is nothing to change.</summary>
    public static IList<V1PodCondition>? MarkNotReady(V1Pod pod, string nodeReadyStatus, DateTimeOffset now)
    {
        if (nodeReadyStatus == NodeConditions.True || pod.Status?.Conditions is not { } conditions)
            return null;
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        if (ready is null || ready.Status == "False")
            return null;
        return conditions
            .Select(c => c == ready
                ? new V1PodCondition { Type = c.Type, Status = "False", Reason = c.Reason, Message = c.Message, LastProbeTime = c.LastProbeTime, LastTransitionTime = now.UtcDateTime }
                : c)
            .ToList();
    }
}
