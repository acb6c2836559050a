using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Filters;

/// <summary>NodePorts (pkg/scheduler/framework/plugins/nodeports): a host port already taken on the node. Unschedulable, not unresolvable: preemption could free it.</summary>
public sealed class NodePortsFilter : IFilterPlugin
{
    public const string Reason = "node(s) didn't have free ports for the requested pod ports";

    public string Name => "NodePorts";

    // Runs for every node each cycle: an index loop, no delegate or enumerator per call.
    public FilterResult Filter(SchedulingPod pod, NodeState node)
    {
        var ports = pod.HostPorts;
        for (var i = 0; i < ports.Count; i++)
        {
            if (node.PortInUse(ports[i])) return FilterResult.Unschedulable(Reason);
        }
        return FilterResult.Success;
    }
}
