using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Scoring;

/// <summary>NodeAffinity's score (nodeaffinity/node_affinity.go): the summed weights of the preferred terms the node matches, scaled to 0..100.</summary>
public sealed class NodeAffinityScore : IScorePlugin
{
    public string Name => "NodeAffinity";

    public int Weight => 2;

    public long Score(SchedulingPod pod, NodeState node)
    {
        var preferred = pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is null || node.Node is null)
            return 0;
        // A loop, not a lambda: its closure over the node would be allocated for every node, preferences or not.
        long sum = 0;
        foreach (var p in preferred)
        {
            if (p.Weight != 0 && NodeSelectorMatch.TermMatches(p.Preference, node.Node)) sum += p.Weight;
        }
        return sum;
    }

    public void Normalize(Span<long> scores) => NodeScore.NormalizeToMax(scores, reverse: false);
}
