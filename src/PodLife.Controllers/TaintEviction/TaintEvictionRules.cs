using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Controllers.TaintEviction;

/// <summary>
/// Taint-based eviction (pkg/controller/tainteviction processPodOnNode, getMinTolerationTime): a pod on a node with NoExecute
/// taints is evicted at once unless it tolerates all of them, else after the shortest tolerationSeconds of the tolerations
/// used, counted from when the eviction was first scheduled; tolerations without seconds tolerate forever.
/// </summary>
public static class TaintEvictionRules
{
    public const string ConditionReason = "DeletionByTaintManager";
    public const string ConditionMessage = "Taint manager: deleting due to NoExecute taint";
    public const string EventReason = "TaintManagerEviction";

    public static string EventMessage(string ns, string name) => $"Marking for deletion Pod {ns}/{name}";

    /// <param name="scheduledSince">When an eviction of this pod was first scheduled, if one is pending.</param>
    public static EvictionDecision Decide(IEnumerable<V1Taint>? nodeTaints, IList<V1Toleration>? tolerations, DateTimeOffset now, DateTimeOffset? scheduledSince)
    {
        var noExecute = (nodeTaints ?? []).Where(t => t.Effect == Taints.NoExecute).ToList();
        if (noExecute.Count == 0)
            return EvictionDecision.None;

        var used = new List<V1Toleration>();
        foreach (var taint in noExecute)
        {
            var toleration = tolerations?.FirstOrDefault(t => Taints.Tolerates(t, taint));
            if (toleration is null)
                return new EvictionDecision(now);
            used.Add(toleration);
        }

        var min = MinTolerationTime(used);
        if (min is null)
            return EvictionDecision.None;
        return new EvictionDecision((scheduledSince ?? now) + min.Value);
    }

    /// <summary>The shortest tolerationSeconds (≤0 means at once); null when every used toleration lasts forever.</summary>
    static TimeSpan? MinTolerationTime(List<V1Toleration> used)
    {
        TimeSpan? min = null;
        foreach (var seconds in used.Select(t => t.TolerationSeconds).OfType<long>())
        {
            if (seconds <= 0)
                return TimeSpan.Zero;
            var span = TimeSpan.FromSeconds(seconds);
            if (min is null || span < min)
                min = span;
        }
        return min;
    }

    /// <summary>The DisruptionTarget condition written before the pod is deleted.</summary>
    public static V1PodCondition DisruptionTarget(DateTimeOffset now) => new()
    {
        Type = "DisruptionTarget", Status = "True", Reason = ConditionReason, Message = ConditionMessage, LastTransitionTime = now.UtcDateTime,
    };
}
