using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// Whole cycles as pkg/scheduler/schedule_one.go runs them with the default profile.
public class PodSchedulerTests
{
    static ClusterCache Cluster(params V1Node[] nodes)
    {
        var cache = new ClusterCache();
        foreach (var node in nodes)
            cache.SetNode(node);
        return cache;
    }

    static ScheduleResult Schedule(ClusterCache cache, V1Pod pod, int seed = 1) =>
        new PodScheduler(SchedulerProfile.Default, new Random(seed)).Schedule(SchedulingPod.From(pod), cache);

    [Fact]
    public void APodLandsOnlyOnANodeWithRoom()
    {
        var cache = Cluster(Node("small", "1"), Node("big", "8"), Node("tiny", "500m"));

        var result = Schedule(cache, Pod("p", "2"));

        Assert.Equal("big", result.NodeName);
        Assert.Equal(3, result.EvaluatedNodes);
        Assert.Equal(1, result.FeasibleNodes);
    }

    [Fact]
    public void TheLeastAllocatedNodeWins()
    {
        var cache = Cluster(Node("busy", "4", "8Gi"), Node("idle", "4", "8Gi"));
        cache.SetPod(Pod("existing", "3", "6Gi", node: "busy"));

        Assert.Equal("idle", Schedule(cache, Pod("p", "500m", "512Mi")).NodeName);
    }

    [Fact]
    public void TheIssueExampleMessageComesOutOfARealCycle()
    {
        var cache = Cluster(
            Node("node-1", "1").WithTaint("node.kubernetes.io/not-ready", "NoSchedule"),
            Node("node-2", "1"),
            Node("node-3", "1"));

        var result = Schedule(cache, Pod("p", "2"));

        Assert.False(result.Scheduled);
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. "
            + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
            result.FailureMessage);
    }

    [Fact]
    public void PodsThatTolerateNotReadyMayStillLandOnANotReadyNode()
    {
        // kube-scheduler has no Ready filter: only the taint keeps pods away.
        var cache = Cluster(Node("down").WithTaint("node.kubernetes.io/not-ready", "NoSchedule"));

        Assert.Equal("down", Schedule(cache, Pod("p").Tolerating("node.kubernetes.io/not-ready")).NodeName);
    }

    [Fact]
    public void TiesAreBrokenBySeededRandomnessReproduciblyAndReachEveryNode()
    {
        var chosen = new HashSet<string>();
        for (var seed = 0; seed < 40; seed++)
        {
            var first = Schedule(Cluster(Node("a"), Node("b"), Node("c")), Pod("p"), seed).NodeName!;
            var again = Schedule(Cluster(Node("a"), Node("b"), Node("c")), Pod("p"), seed).NodeName!;
            Assert.Equal(first, again);
            chosen.Add(first);
        }
        Assert.Equal(["a", "b", "c"], chosen.Order());
    }

    [Fact]
    public void ACycleStopsAfterEnoughFeasibleNodesAndTheNextStartsWhereItStopped()
    {
        var cache = Cluster([.. Enumerable.Range(0, 1000).Select(i => Node($"n{i}"))]);
        var scheduler = new PodScheduler(SchedulerProfile.Default, new Random(1));

        var first = scheduler.Schedule(SchedulingPod.From(Pod("p1")), cache);
        var second = scheduler.Schedule(SchedulingPod.From(Pod("p2")), cache);

        Assert.Equal(420, first.EvaluatedNodes);
        Assert.Equal(420, first.FeasibleNodes);
        Assert.InRange(int.Parse(first.NodeName![1..]), 0, 419);
        Assert.InRange(int.Parse(second.NodeName![1..]), 420, 839);
    }

    [Fact]
    public void ACordonedAndAFullNodeGiveTheirReasons()
    {
        var cache = Cluster(Node("cordoned").Cordoned(), Node("full", pods: "1"));
        cache.SetPod(Pod("resident", node: "full"));

        Assert.Equal(
            "0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable. "
            + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            Schedule(cache, Pod("p")).FailureMessage);
    }

    [Fact]
    public void NoNodesAtAllIsReportedAsSuch() =>
        Assert.Equal("no nodes available to schedule pods", Schedule(Cluster(), Pod("p")).FailureMessage);
}
