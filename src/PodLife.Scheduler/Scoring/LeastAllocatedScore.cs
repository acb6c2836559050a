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
        foreach (var (used, capacity) in new[] { (requested.MilliCpu, node.Allocatable.MilliCpu), (requested.Memory, node.Allocatable.Memory) })
        {
            if (capacity == 0)
                continue;
            sum += used > capacity ? 0 : (capacity - used) * NodeScore.Max / capacity;
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }
}
