using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Scoring;

/// <summary>TaintToleration's score (tainttoleration/taint_toleration.go): fewer untolerated PreferNoSchedule taints is better (reverse-normalized).</summary>
public sealed class TaintTolerationScore : IScorePlugin
{
    public string Name => "TaintToleration";

    public int Weight => 3;

    public long Score(SchedulingPod pod, NodeState node)
    {
        if (node.Node?.Spec?.Taints is not { Count: > 0 })
            return 0;
        // Only tolerations that could apply to PreferNoSchedule count (getAllTolerationPreferNoSchedule).
        var tolerations = (pod.Spec.Tolerations ?? [])
            .Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == Taints.PreferNoSchedule)
            .ToList();
        return (node.Node?.Spec?.Taints ?? [])
            .Count(t => t.Effect == Taints.PreferNoSchedule && !Taints.IsTolerated(t, tolerations));
    }

    public void Normalize(Span<long> scores) => NodeScore.NormalizeToMax(scores, reverse: true);
}
