using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Scoring;

/// <summary>
/// NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go): favours nodes whose cpu and memory fractions stay
/// close after placing the pod; score = (1 - std) * 100 with std = |f_cpu - f_mem| / 2, on the actual requests.
/// </summary>
public sealed class BalancedAllocationScore : IScorePlugin
{
    public string Name => "NodeResourcesBalancedAllocation";

    public int Weight => 1;

    public long Score(SchedulingPod pod, NodeState node)
    {
        var requested = node.Requested + pod.Requests;
        var fractions = new List<double>(2);
        foreach (var (used, capacity) in new[] { (requested.MilliCpu, node.Allocatable.MilliCpu), (requested.Memory, node.Allocatable.Memory) })
        {
            if (capacity != 0)
                fractions.Add(Math.Min(1.0, (double)used / capacity));
        }
        var std = fractions.Count == 2 ? Math.Abs((fractions[0] - fractions[1]) / 2) : 0;
        return (long)((1 - std) * NodeScore.Max);
    }
}
