using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Filters;

/// <summary>NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest): every shortage is reported, pods count first.</summary>
public sealed class NodeResourcesFitFilter : IFilterPlugin
{
    public string Name => "NodeResourcesFit";

    public FilterResult Filter(SchedulingPod pod, NodeState node)
    {
        List<string>? reasons = null;
        if (node.PodCount + 1 > node.AllowedPods)
            (reasons ??= []).Add("Too many pods");
        var want = pod.Requests;
        if (!want.IsZero)
        {
            var free = node.Allocatable - node.Requested;
            if (want.MilliCpu > 0 && want.MilliCpu > free.MilliCpu)
                (reasons ??= []).Add("Insufficient cpu");
            if (want.Memory > 0 && want.Memory > free.Memory)
                (reasons ??= []).Add("Insufficient memory");
            if (want.EphemeralStorage > 0 && want.EphemeralStorage > free.EphemeralStorage)
                (reasons ??= []).Add("Insufficient ephemeral-storage");
        }
        return reasons is null ? FilterResult.Success : FilterResult.Unschedulable([.. reasons]);
    }
}
