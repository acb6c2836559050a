using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Controllers.PodGc;

/// <summary>
/// The pod garbage collector's decisions (pkg/controller/podgc/gc_controller.go): terminated pods over the threshold
/// (oldest first), pods bound to nodes gone for longer than the quarantine, terminating pods never scheduled, and
/// terminating pods on not-ready nodes tainted out-of-service. All are force-deleted.
/// </summary>
public static class PodGarbageRules
{
    /// <summary>kube-controller-manager --terminated-pod-gc-threshold default.</summary>
    public const int DefaultTerminatedThreshold = 12500;

    /// <summary>How long a node must be missing before its pods count as orphans (quarantineTime).</summary>
    public static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(40);

    /// <summary>gcCheckPeriod.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    public const string OrphanReason = "DeletionByPodGC";
    public const string OrphanMessage = "PodGC: node no longer exists";

    /// <param name="nodes">Nodes that exist, by name.</param>
    /// <param name="missingSince">When each missing node was first noticed missing.</param>
    public static IReadOnlyList<PodGcAction> Decide(IReadOnlyCollection<V1Pod> pods, IReadOnlyDictionary<string, V1Node> nodes,
        IReadOnlyDictionary<string, DateTimeOffset> missingSince, int terminatedThreshold, DateTimeOffset now)
    {
        var actions = new List<PodGcAction>();
        var terminated = pods.Where(IsTerminated).ToList();
        if (terminatedThreshold > 0 && terminated.Count > terminatedThreshold)
        {
            // Evicted pods go first, then the oldest (byEvictionAndCreationTimestamp).
            actions.AddRange(terminated
                .OrderBy(p => p.Status?.Reason == "Evicted" ? 0 : 1)
                .ThenBy(p => p.Metadata?.CreationTimestamp ?? DateTime.MinValue)
                .Take(terminated.Count - terminatedThreshold)
                .Select(p => new PodGcAction(p, null)));
        }

        foreach (var pod in pods.Except(actions.Select(a => a.Pod)))
        {
            var nodeName = pod.Spec?.NodeName;
            var terminating = pod.Metadata?.DeletionTimestamp is not null;
            if (string.IsNullOrEmpty(nodeName))
            {
                if (terminating)
                    actions.Add(new PodGcAction(pod, null));
            }
            else if (!nodes.TryGetValue(nodeName, out var node))
            {
                if (missingSince.TryGetValue(nodeName, out var since) && now - since >= Quarantine)
                    actions.Add(new PodGcAction(pod, Orphaned(now)));
            }
            else if (terminating && IsOutOfService(node))
            {
                actions.Add(new PodGcAction(pod, null));
            }
        }
        return actions;
    }

    static bool IsTerminated(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    static bool IsOutOfService(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != "True"
        && node.Spec?.Taints?.Any(t => t.Key == Taints.OutOfService) == true;

    static V1PodCondition Orphaned(DateTimeOffset now) => new()
    {
        Type = "DisruptionTarget", Status = "True", Reason = OrphanReason, Message = OrphanMessage, LastTransitionTime = now.UtcDateTime,
    };
}
