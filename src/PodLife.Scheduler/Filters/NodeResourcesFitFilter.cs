using PodLife.Core.Scheduling;
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
        var lacking = ResourceFit.Check(pod.Requests, node.Allocatable, node.Requested, node.PodCount, node.AllowedPods);
        if (lacking == ResourceFit.Shortages.None) return FilterResult.Success;
        List<string> reasons = [];
        if (lacking.HasFlag(ResourceFit.Shortages.Pods)) reasons.Add("Too many pods");
        if (lacking.HasFlag(ResourceFit.Shortages.Cpu)) reasons.Add("Insufficient cpu");
        if (lacking.HasFlag(ResourceFit.Shortages.Memory)) reasons.Add("Insufficient memory");
        if (lacking.HasFlag(ResourceFit.Shortages.EphemeralStorage)) reasons.Add("Insufficient ephemeral-storage");
        return FilterResult.Unschedulable([.. reasons]);
    }
}
