using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Filters;

/// <summary>NodeName (pkg/scheduler/framework/plugins/nodename): a pod naming a node fits only that node.</summary>
public sealed class NodeNameFilter : IFilterPlugin
{
    public const string Reason = "node(s) didn't match the requested node name";

    public string Name => "NodeName";

    public FilterResult Filter(SchedulingPod pod, NodeState node) =>
        pod.NodeName is null || pod.NodeName == node.Name ? FilterResult.Success : FilterResult.Unresolvable(Reason);
}
