using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Filters;

/// <summary>NodePorts (pkg/scheduler/framework/plugins/nodeports): a host port already taken on the node. Unschedulable, not unresolvable: preemption could free it.</summary>
public sealed class NodePortsFilter : IFilterPlugin
{
    public const string Reason = "node(s) didn't have free ports for the requested pod ports";

    public string Name => "NodePorts";

    public FilterResult Filter(SchedulingPod pod, NodeState node) =>
        pod.HostPorts.Any(node.PortInUse) ? FilterResult.Unschedulable(Reason) : FilterResult.Success;
}
