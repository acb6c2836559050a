using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Preemption;

/// <summary>
/// kube-scheduler's DefaultPreemption PostFilter (plugins/defaultpreemption, framework/preemption) without
/// PodDisruptionBudgets: on nodes that failed only on what eviction can cure, dry-run removing every lower-priority pod,
/// then reprieve victims from the most important down while the pod still fits; pick the node whose victims matter least.
/// </summary>
public static class DefaultPreemption
{
    public const string WaitingForTerminatingVictims = "not eligible due to a terminating pod on the nominated node.";

    /// <summary>The DisruptionTarget reason and message written on each victim before it is deleted.</summary>
    public const string VictimReason = "PreemptionByScheduler";

    public static string VictimMessage(string schedulerName) => $"{schedulerName}: preempting to accommodate a higher priority pod";

    /// <summary>
    /// Runs preemption for <paramref name="pod"/> after every node in <paramref name="failed"/> rejected it.
    /// <paramref name="fits"/> runs the profile's filters on a node state.
    /// </summary>
    public static PostFilterResult Run(
        SchedulingPod pod, IReadOnlyList<(NodeState Node, FilterResult Failure)> failed, int allNodes, ClusterCache cache,
        Func<SchedulingPod, NodeState, bool> fits)
    {
        if (NotEligible(pod, cache) is { } reason)
            return PostFilterResult.Fail(reason);

        var limit = Math.Max(100, allNodes / 10); // minCandidateNodesAbsolute / minCandidateNodesPercentage
        var candidates = new List<PreemptionCandidate>();
        foreach (var (node, failure) in failed)
        {
            if (failure.Code != FilterCode.Unschedulable)
                continue; // taints, selectors, unschedulable: evicting pods cannot help
            if (Victims(pod, node, fits) is { } victims)
                candidates.Add(new PreemptionCandidate(node.Name, victims));
            if (candidates.Count >= limit)
                break;
        }
        return candidates.Count == 0
            ? PostFilterResult.Fail(UnschedulableMessage.NoCandidate(allNodes, failed.Select(f => f.Failure)))
            : PostFilterResult.Nominate(PickOne(candidates));
    }

    /// <summary>PodEligibleToPreemptOthers: Never policy, or earlier victims still terminating on the nominated node.</summary>
    static string? NotEligible(SchedulingPod pod, ClusterCache cache)
    {
        if (pod.Spec.PreemptionPolicy == "Never")
            return UnschedulableMessage.PreemptionNever;
        if (pod.Pod.Status?.NominatedNodeName is { Length: > 0 } nominated && cache.GetNode(nominated) is { } node
            && node.Pods.Any(p => p.Priority < pod.Priority && TerminatingByPreemption(p)))
            return WaitingForTerminatingVictims;
        return null;
    }

    static bool TerminatingByPreemption(SchedulingPod p) =>
        p.Pod.Metadata?.DeletionTimestamp is not null
        && p.Pod.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True" && c.Reason == VictimReason) == true;

    /// <summary>SelectVictimsOnNode: the smallest set of lower-priority pods whose removal lets the pod fit, or null.</summary>
    static List<SchedulingPod>? Victims(SchedulingPod pod, NodeState node, Func<SchedulingPod, NodeState, bool> fits)
    {
        var scratch = new NodeState(node.Name);
        scratch.SetNode(node.Node);
        var potential = new List<SchedulingPod>();
        foreach (var p in node.Pods)
        {
            if (p.Priority < pod.Priority)
                potential.Add(p);
            else
                scratch.AddPod(p);
        }
        if (potential.Count == 0 || !fits(pod, scratch))
            return null;

        var victims = new List<SchedulingPod>();
        foreach (var p in potential.OrderByDescending(p => p.Priority).ThenBy(StartTime))
        {
            scratch.AddPod(p);
            if (fits(pod, scratch))
                continue; // reprieved: the pod fits with this one still running
            scratch.RemovePod(p.Key);
            victims.Add(p);
        }
        return victims;
    }

    /// <summary>pickOneNodeForPreemption without PDBs: lowest top victim priority, lowest priority sum, fewest victims, latest start.</summary>
    static PreemptionCandidate PickOne(List<PreemptionCandidate> candidates) =>
        candidates
            .OrderBy(c => c.Victims.Count == 0 ? long.MinValue : c.Victims.Max(v => v.Priority))
            .ThenBy(c => c.Victims.Sum(v => (long)v.Priority + int.MaxValue + 1))
            .ThenBy(c => c.Victims.Count)
            .ThenByDescending(c => EarliestStartOfTopVictims(c.Victims))
            .First();

    static DateTime EarliestStartOfTopVictims(IReadOnlyList<SchedulingPod> victims)
    {
        if (victims.Count == 0)
            return DateTime.MaxValue;
        var top = victims.Max(v => v.Priority);
        return victims.Where(v => v.Priority == top).Min(StartTime);
    }

    // A pod that has not started yet is the least important of its priority (util.GetPodStartTime treats it as now).
    static DateTime StartTime(SchedulingPod p) => p.Pod.Status?.StartTime ?? DateTime.MaxValue;
}
