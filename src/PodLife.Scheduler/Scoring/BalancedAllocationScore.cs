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
        var cpu = node.Allocatable.MilliCpu;
        var memory = node.Allocatable.Memory;
        // With only one resource known there is nothing to balance: std 0.
        var std = cpu == 0 || memory == 0
            ? 0
            : Math.Abs((Math.Min(1.0, (double)requested.MilliCpu / cpu) - Math.Min(1.0, (double)requested.Memory / memory)) / 2);
        return (long)((1 - std) * NodeScore.Max);
    }
}
