namespace PodLife.Scheduler.Framework;

/// <summary>
/// The PodScheduled=False message and FailedScheduling event text kube-scheduler writes (framework FitError.Error plus
/// DefaultPreemption's PostFilter message), e.g. "0/3 nodes are available: 1 node(s) had untolerated taint {k: v},
/// 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption
/// victims found for incoming pod." Reasons are counted, written "count reason" and sorted as strings.
/// </summary>
public static class UnschedulableMessage
{
    /// <summary>core.ErrNoNodesAvailable.</summary>
    public const string NoNodes = "no nodes available to schedule pods";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoVictims = "No preemption victims found for incoming pod";
    public const string PreemptionNever = "not eligible due to preemptionPolicy=Never.";

    /// <summary>Builds the message from every node's failed filter result; this scheduler never finds preemption victims.</summary>
    public static string Build(int allNodes, IEnumerable<FilterResult> failures, bool preemptionPolicyNever)
    {
        if (allNodes == 0)
            return NoNodes;
        var list = failures.ToList();
        var filterPart = Histogram(list.SelectMany(f => f.Reasons));
        // A node that failed only on things preemption can change (resources, ports) would be dry-run for victims;
        // with none found it counts as "No preemption victims found".
        var preemption = preemptionPolicyNever
            ? PreemptionNever
            : $"{Available(allNodes)}: {Histogram(list.Select(f => f.Code == FilterCode.UnschedulableAndUnresolvable ? PreemptionNotHelpful : NoVictims))}.";
        return $"{Available(allNodes)}: {filterPart}. preemption: {preemption}";
    }

    static string Available(int allNodes) => $"0/{allNodes} nodes are available";

    static string Histogram(IEnumerable<string> reasons)
    {
        var counted = reasons
            .GroupBy(r => r)
            .Select(g => $"{g.Count()} {g.Key}")
            .Order(StringComparer.Ordinal);
        return string.Join(", ", counted);
    }
}
