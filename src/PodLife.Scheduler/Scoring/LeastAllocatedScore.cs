using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Scoring;

/// <summary>
/// NodeResourcesFit's default LeastAllocated strategy (noderesources/least_allocated.go): the free share of cpu and memory
/// (weight 1 each) after placing the pod, using the non-zero requests so empty pods still spread.
/// </summary>
public sealed class LeastAllocatedScore : IScorePlugin
{
    public string Name => "NodeResourcesFit";

    public int Weight => 1;

    public long Score(SchedulingPod pod, NodeState node)
    {
        var requested = node.NonZeroRequested + pod.NonZeroRequests;
        long sum = 0, weights = 0;
        Add(requested.MilliCpu, node.Allocatable.MilliCpu, ref sum, ref weights);
        Add(requested.Memory, node.Allocatable.Memory, ref sum, ref weights);
        return weights == 0 ? 0 : sum / weights;
    }

    /// <summary>A resource the node has none of is left out rather than scored 0 (leastResourceScorer).</summary>
    static void Add(long used, long capacity, ref long sum, ref long weights)
    {
        if (capacity == 0)
            return;
        sum += used > capacity ? 0 : (capacity - used) * NodeScore.Max / capacity;
        weights++;
    }
}
