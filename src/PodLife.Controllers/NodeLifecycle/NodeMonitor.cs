using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// One monitor pass over one node (nodelifecycle monitorNodeHealth / tryUpdateNodeHealth): if nothing was heard within the
/// grace period, Ready, MemoryPressure, DiskPressure and PIDPressure turn Unknown ("Kubelet stopped posting node status.").
/// </summary>
public static class NodeMonitor
{
    /// <summary>node-monitor-period.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(5);

    /// <summary>node-monitor-grace-period since Kubernetes 1.32 (40s before).</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(50);

    /// <summary>node-startup-grace-period: for nodes that never posted Ready.</summary>
    public static readonly TimeSpan DefaultStartupGracePeriod = TimeSpan.FromSeconds(60);

    public const string ReasonUnknown = "NodeStatusUnknown";
    public const string MessageUnknown = "Kubelet stopped posting node status.";
    public const string ReasonNeverUpdated = "NodeStatusNeverUpdated";
    public const string MessageNeverUpdated = "Kubelet never posted node status.";

    static readonly string[] Monitored = [NodeConditions.Ready, NodeConditions.MemoryPressure, NodeConditions.DiskPressure, NodeConditions.PIDPressure];

    /// <summary>Decides the node's conditions for this pass. <paramref name="health"/> must already include this pass's observation.</summary>
    public static NodeStatusDecision Evaluate(V1Node node, NodeHealth health, DateTimeOffset now, TimeSpan gracePeriod, TimeSpan startupGracePeriod)
    {
        var observedReady = NodeConditions.ReadyStatus(node);
        var grace = NodeConditions.Find(node, NodeConditions.Ready) is null ? startupGracePeriod : gracePeriod;
        var conditions = (node.Status?.Conditions ?? []).Select(Copy).ToList();
        if (now <= health.ProbeTimestamp + grace)
            return new NodeStatusDecision(conditions, Changed: false, observedReady, observedReady);

        var changed = false;
        foreach (var type in Monitored)
        {
            var condition = conditions.FirstOrDefault(c => c.Type == type);
            if (condition is null)
            {
                conditions.Add(new V1NodeCondition
                {
                    Type = type, Status = NodeConditions.Unknown, Reason = ReasonNeverUpdated, Message = MessageNeverUpdated,
                    LastHeartbeatTime = node.Metadata?.CreationTimestamp, LastTransitionTime = now.UtcDateTime,
                });
                changed = true;
            }
            else if (condition.Status != NodeConditions.Unknown)
            {
                // The heartbeat time stays: it is the last time the kubelet was heard.
                condition.Status = NodeConditions.Unknown;
                condition.Reason = ReasonUnknown;
                condition.Message = MessageUnknown;
                condition.LastTransitionTime = now.UtcDateTime;
                changed = true;
            }
        }
        return new NodeStatusDecision(conditions, changed, observedReady, NodeConditions.Unknown);
    }

    static V1NodeCondition Copy(V1NodeCondition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
        LastHeartbeatTime = c.LastHeartbeatTime, LastTransitionTime = c.LastTransitionTime,
    };
}
