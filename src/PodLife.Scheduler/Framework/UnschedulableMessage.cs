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

    /// <summary>Builds the message from every node's failed filter result when preemption found no victims anywhere.</summary>
    public static string Build(int allNodes, IEnumerable<FilterResult> failures, bool preemptionPolicyNever)
    {
        if (allNodes == 0)
            return NoNodes;
        var list = failures.ToList();
        return WithPreemption(allNodes, list, preemptionPolicyNever ? PreemptionNever : NoCandidate(allNodes, list));
    }

    /// <summary>
    /// FitError.Error: the filter histogram, then DefaultPreemption's message when it did not help (null when it
    /// nominated a node: the message then ends after the filter part).
    /// </summary>
    public static string WithPreemption(int allNodes, IEnumerable<FilterResult> failures, string? preemption)
    {
        var filterPart = $"{Available(allNodes)}: {Histogram(failures.SelectMany(f => f.Reasons))}.";
        return preemption is null ? filterPart : $"{filterPart} preemption: {preemption}";
    }

    /// <summary>
    /// DefaultPreemption's message when no node has victims: nodes that failed only on things preemption can change
    /// (resources, ports) were dry-run and count as "No preemption victims found"; the others as "not helpful".
    /// </summary>
    public static string NoCandidate(int allNodes, IEnumerable<FilterResult> failures) =>
        $"{Available(allNodes)}: {Histogram(failures.Select(f => f.Code == FilterCode.UnschedulableAndUnresolvable ? PreemptionNotHelpful : NoVictims))}.";

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
