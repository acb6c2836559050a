using PodLife.Scheduler.Filters;
using PodLife.Scheduler.Scoring;

namespace PodLife.Scheduler.Framework;

/// <summary>The plugins one scheduling cycle runs, in kube-scheduler's default profile order (apis/config/v1 default_plugins.go).</summary>
public sealed record SchedulerProfile(IReadOnlyList<IFilterPlugin> Filters, IReadOnlyList<IScorePlugin> Scores, int PercentageOfNodesToScore = 0)
{
    public static SchedulerProfile Default { get; } = new(
        [new NodeUnschedulableFilter(), new NodeNameFilter(), new TaintTolerationFilter(), new NodeAffinityFilter(), new NodePortsFilter(), new NodeResourcesFitFilter()],
        [new TaintTolerationScore(), new NodeAffinityScore(), new LeastAllocatedScore(), new BalancedAllocationScore()]);
}
