using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Filters;

/// <summary>TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): the first NoSchedule/NoExecute taint the pod does not tolerate.</summary>
public sealed class TaintTolerationFilter : IFilterPlugin
{
    public string Name => "TaintToleration";

    public FilterResult Filter(SchedulingPod pod, NodeState node)
    {
        var taint = Taints.FirstUntolerated(node.Taints, pod.Spec.Tolerations, Taints.NoSchedule, Taints.NoExecute);
        return taint is null
            ? FilterResult.Success
            : FilterResult.Unresolvable($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}");
    }
}
