using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// What the node lifecycle controller remembers about a node between passes (nodelifecycle nodeHealthData): when it last
/// heard from the kubelet, by its own clock, through a new Ready heartbeat or a renewed Lease.
/// </summary>
public sealed record NodeHealth(DateTimeOffset ProbeTimestamp, DateTimeOffset ReadyTransitionTimestamp, DateTime? ReadyHeartbeat, DateTime? ReadyTransition, DateTime? LeaseRenewTime)
{
    /// <summary>
    /// Folds one observation of the node and its Lease into the record (tryUpdateNodeHealth): a node seen for the first
    /// time, a changed Ready heartbeat or a newer Lease renewTime all reset the probe timestamp to now.
    /// </summary>
    public static NodeHealth Observe(NodeHealth? saved, V1Node node, V1Lease? lease, DateTimeOffset now)
    {
        var ready = NodeConditions.Find(node, NodeConditions.Ready);
        var renew = lease?.Spec?.RenewTime;
        NodeHealth health;
        if (saved is null)
        {
            // A node never posted Ready counts from its creation (startup grace); otherwise from now, so a
            // restarted controller gives every node a full grace period.
            var start = ready is null && node.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : now;
            health = new NodeHealth(start, start, ready?.LastHeartbeatTime, ready?.LastTransitionTime, null);
        }
        else if ((saved.ReadyHeartbeat is null) != (ready is null) || (ready is not null && saved.ReadyHeartbeat != ready.LastHeartbeatTime))
        {
            var transitioned = saved.ReadyTransition != ready?.LastTransitionTime;
            health = saved with
            {
                ProbeTimestamp = now,
                ReadyTransitionTimestamp = transitioned ? now : saved.ReadyTransitionTimestamp,
                ReadyHeartbeat = ready?.LastHeartbeatTime,
                ReadyTransition = ready?.LastTransitionTime,
            };
        }
        else
        {
            health = saved;
        }

        if (renew is not null && (health.LeaseRenewTime is null || health.LeaseRenewTime < renew))
            health = health with { ProbeTimestamp = now, LeaseRenewTime = renew };
        return health;
    }
}
