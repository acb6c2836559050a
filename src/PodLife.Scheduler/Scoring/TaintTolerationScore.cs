using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Scoring;

/// <summary>TaintToleration's score (tainttoleration/taint_toleration.go): fewer untolerated PreferNoSchedule taints is better (reverse-normalized).</summary>
public sealed class TaintTolerationScore : IScorePlugin
{
    public string Name => "TaintToleration";

    public int Weight => 3;

    public long Score(SchedulingPod pod, NodeState node)
    {
        if (node.Taints is not { } taints)
            return 0;
        // Only tolerations that could apply to PreferNoSchedule count (getAllTolerationPreferNoSchedule). Loops, not
        // lambdas: a closure would be allocated for every node scored, tainted or not.
        var tolerations = new List<V1Toleration>();
        foreach (var t in pod.Spec.Tolerations ?? [])
        {
            if (string.IsNullOrEmpty(t.Effect) || t.Effect == Taints.PreferNoSchedule) tolerations.Add(t);
        }
        long count = 0;
        foreach (var t in taints)
        {
            if (t.Effect == Taints.PreferNoSchedule && !Taints.IsTolerated(t, tolerations)) count++;
        }
        return count;
    }

    public void Normalize(Span<long> scores) => NodeScore.NormalizeToMax(scores, reverse: true);
}
