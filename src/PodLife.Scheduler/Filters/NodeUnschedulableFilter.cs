using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Filters;

/// <summary>NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): cordoned nodes, unless the pod tolerates the unschedulable taint.</summary>
public sealed class NodeUnschedulableFilter : IFilterPlugin
{
    public const string Reason = "node(s) were unschedulable";

    static readonly V1Taint UnschedulableTaint = new() { Key = Taints.Unschedulable, Effect = Taints.NoSchedule };

    public string Name => "NodeUnschedulable";

    public FilterResult Filter(SchedulingPod pod, NodeState node)
    {
        if (!node.Unschedulable || Taints.IsTolerated(UnschedulableTaint, pod.Spec.Tolerations))
            return FilterResult.Success;
        return FilterResult.Unresolvable(Reason);
    }
}
