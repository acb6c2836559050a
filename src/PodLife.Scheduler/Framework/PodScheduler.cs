using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Model;
using PodLife.Scheduler.Preemption;

namespace PodLife.Scheduler.Framework;

/// <summary>
/// One kube-scheduler cycle over the cache (schedule_one.go schedulePod): filter nodes round-robin from where the last
/// cycle stopped until enough feasible ones are found, score them, and pick the best, breaking ties at random
/// (reservoir sampling as selectHost). Deterministic for a seeded <see cref="Random"/>.
/// </summary>
public sealed class PodScheduler(SchedulerProfile profile, Random random)
{
    int _nextStartNodeIndex;

    public ScheduleResult Schedule(SchedulingPod pod, ClusterCache cache)
    {
        var nodes = cache.Nodes;
        if (nodes.Count == 0)
            return new ScheduleResult(null, UnschedulableMessage.NoNodes, 0, 0);

        // A preemptor's nominated node is likely the only one that fits it: try it first (evaluateNominatedNode).
        if (pod.Pod.Status?.NominatedNodeName is { Length: > 0 } nominated && cache.GetNode(nominated) is { } nominatedNode
            && RunFiltersWithNominatedPods(pod, nominatedNode, cache).IsSuccess)
            return new ScheduleResult(nominated, null, 1, 1);

        var toFind = NodesToFind.For(nodes.Count, profile.PercentageOfNodesToScore);
        var feasible = new List<NodeState>(Math.Min(toFind, nodes.Count));
        var failures = new List<(NodeState Node, FilterResult Failure)>();
        var processed = 0;
        for (; processed < nodes.Count && feasible.Count < toFind; processed++)
        {
            var node = nodes[(_nextStartNodeIndex + processed) % nodes.Count];
            var result = RunFiltersWithNominatedPods(pod, node, cache);
            if (result.IsSuccess)
                feasible.Add(node);
            else
                failures.Add((node, result));
        }
        _nextStartNodeIndex = (_nextStartNodeIndex + processed) % nodes.Count;

        if (feasible.Count == 0)
        {
            var post = DefaultPreemption.Run(pod, failures, nodes.Count, cache, (p, n) => RunFiltersWithNominatedPods(p, n, cache).IsSuccess);
            var message = UnschedulableMessage.WithPreemption(nodes.Count, failures.Select(f => f.Failure), post.Message);
            return new ScheduleResult(null, message, processed, 0) { Preemption = post.Candidate };
        }
        // With one feasible node there is nothing to compare, as kube-scheduler skips scoring then.
        var chosen = feasible.Count == 1 ? feasible[0] : SelectHost(feasible, Scores(pod, feasible));
        return new ScheduleResult(chosen.Name, null, processed, feasible.Count);
    }

    /// <summary>
    /// RunFilterPluginsWithNominatedPods: pods nominated to the node with equal or higher priority hold their room, so
    /// the filters first run as if they were there; a pass then runs again without them (which matters for filters that
    /// count other pods in the pod's favour, such as inter-pod affinity).
    /// </summary>
    FilterResult RunFiltersWithNominatedPods(SchedulingPod pod, NodeState node, ClusterCache cache)
    {
        var nominated = cache.NominatedPods(node.Name);
        if (nominated.Count == 0)
            return RunFilters(pod, node);
        var holding = Holding(nominated, pod);
        if (holding.Count == 0)
            return RunFilters(pod, node);
        var withNominated = RunFilters(pod, node.With(holding));
        return withNominated.IsSuccess ? RunFilters(pod, node) : withNominated;
    }

    // Nominated pods of equal or higher priority, other than the pod itself. Not a lambda: its closure over the pod
    // would be allocated on every call of the caller, for every node, nominated pods or not.
    static List<SchedulingPod> Holding(IReadOnlyCollection<SchedulingPod> nominated, SchedulingPod pod)
    {
        var holding = new List<SchedulingPod>();
        foreach (var p in nominated)
        {
            if (p.Priority >= pod.Priority && p.Key != pod.Key) holding.Add(p);
        }
        return holding;
    }

    FilterResult RunFilters(SchedulingPod pod, NodeState node)
    {
        // The first failing plugin decides for the node, as the framework's RunFilterPlugins. An index loop: this runs
        // for every node of every cycle, and a foreach over the list would allocate an enumerator each time.
        var filters = profile.Filters;
        for (var i = 0; i < filters.Count; i++)
        {
            var result = filters[i].Filter(pod, node);
            if (!result.IsSuccess)
                return result;
        }
        return FilterResult.Success;
    }

    long[] Scores(SchedulingPod pod, List<NodeState> feasible)
    {
        var totals = new long[feasible.Count];
        var scores = new long[feasible.Count];
        foreach (var plugin in profile.Scores)
        {
            for (var i = 0; i < feasible.Count; i++)
                scores[i] = plugin.Score(pod, feasible[i]);
            plugin.Normalize(scores);
            for (var i = 0; i < feasible.Count; i++)
                totals[i] += scores[i] * plugin.Weight;
        }
        return totals;
    }

    NodeState SelectHost(List<NodeState> feasible, long[] totals)
    {
        var selected = 0;
        var ties = 1;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (totals[i] > totals[selected])
            {
                selected = i;
                ties = 1;
            }
            else if (totals[i] == totals[selected] && random.Next(++ties) == 0)
            {
                selected = i;
            }
        }
        return feasible[selected];
    }
}
