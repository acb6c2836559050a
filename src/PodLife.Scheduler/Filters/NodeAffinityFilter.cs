using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Filters;

/// <summary>NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): nodeSelector and required node affinity.</summary>
public sealed class NodeAffinityFilter : IFilterPlugin
{
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    public string Name => "NodeAffinity";

    public FilterResult Filter(SchedulingPod pod, NodeState node) =>
        node.Node is not null && NodeSelectorMatch.MatchesRequired(pod.Spec, node.Node)
            ? FilterResult.Success
            : FilterResult.Unresolvable(Reason);
}
