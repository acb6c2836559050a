using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// A preemptor waiting for its victims to go holds the room it needs on its nominated node (framework.go
// RunFilterPluginsWithNominatedPods / addGENominatedPods; schedule_one.go evaluateNominatedNode).
public class NominatedPodTests
{
    static V1Pod WithPriority(V1Pod pod, int priority)
    {
        pod.Spec.Priority = priority;
        return pod;
    }

    static V1Pod NominatedTo(V1Pod pod, string node)
    {
        pod.Status.NominatedNodeName = node;
        return pod;
    }

    static ScheduleResult Schedule(ClusterCache cache, V1Pod pod) =>
        new PodScheduler(SchedulerProfile.Default, new Random(1)).Schedule(SchedulingPod.From(pod), cache);

    /// <summary>One 4-cpu node with a 3-cpu preemptor of priority 100 nominated to it.</summary>
    static (ClusterCache Cache, V1Pod Preemptor) NodeWithReservation()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("n", "4"));
        var preemptor = NominatedTo(WithPriority(Pod("preemptor", "3"), 100), "n");
        cache.Nominate(SchedulingPod.From(preemptor), "n");
        return (cache, preemptor);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5)]
    public void PodsOfEqualOrLowerPriorityCannotTakeTheReservedRoom(int priority)
    {
        var (cache, _) = NodeWithReservation();
        var result = Schedule(cache, WithPriority(Pod("other", "2"), priority));
        Assert.Null(result.NodeName);
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", result.FailureMessage);
    }

    [Fact]
    public void PodsThatFitBesideTheReservationStillLand()
    {
        var (cache, _) = NodeWithReservation();
        Assert.Equal("n", Schedule(cache, WithPriority(Pod("small", "1"), 100)).NodeName);
    }

    [Fact]
    public void AHigherPriorityPodIgnoresTheReservation()
    {
        var (cache, _) = NodeWithReservation();
        Assert.Equal("n", Schedule(cache, WithPriority(Pod("urgent", "2"), 200)).NodeName);
    }

    [Fact]
    public void TheNominatedPodDoesNotCompeteWithItself()
    {
        var (cache, preemptor) = NodeWithReservation();
        Assert.Equal("n", Schedule(cache, preemptor).NodeName);
    }

    [Fact]
    public void AClearedNominationFreesTheRoom()
    {
        var (cache, preemptor) = NodeWithReservation();
        cache.ClearNomination(SchedulingPod.KeyOf(preemptor));
        Assert.Equal("n", Schedule(cache, WithPriority(Pod("other", "2"), 100)).NodeName);
        Assert.Empty(cache.NominatedPods("n"));
    }

    [Fact]
    public void ANominationMovesWhenThePodIsNominatedElsewhere()
    {
        var (cache, preemptor) = NodeWithReservation();
        cache.SetNode(Node("m", "4"));
        cache.Nominate(SchedulingPod.From(NominatedTo(preemptor, "m")), "m");
        Assert.Empty(cache.NominatedPods("n"));
        Assert.Equal(["default/preemptor"], cache.NominatedPods("m").Select(p => p.Key));
    }

    [Fact]
    public void ThePreemptorGoesToItsNominatedNodeWhenItFitsThere()
    {
        // "idle" would score higher, but the nominated node is evaluated first and taken when it passes the filters.
        var cache = new ClusterCache();
        cache.SetNode(Node("idle", "8"));
        cache.SetNode(Node("nominated", "4"));
        cache.SetPod(Pod("busy", "1", node: "nominated"));
        var preemptor = NominatedTo(WithPriority(Pod("preemptor", "2"), 100), "nominated");
        Assert.Equal("nominated", Schedule(cache, preemptor).NodeName);
    }

    [Fact]
    public void ANominatedNodeThatNoLongerFitsFallsBackToTheOthers()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("other", "4"));
        cache.SetNode(Node("nominated", "1"));
        var preemptor = NominatedTo(WithPriority(Pod("preemptor", "2"), 100), "nominated");
        Assert.Equal("other", Schedule(cache, preemptor).NodeName);
    }

    [Fact]
    public void PreemptionCountsTheReservationsOfOtherPreemptors()
    {
        // A second preemptor of equal priority cannot evict its way into room that the first one already holds.
        var (cache, _) = NodeWithReservation();
        cache.SetPod(WithPriority(Pod("victim", "1", node: "n"), 0));
        var second = Schedule(cache, WithPriority(Pod("second", "2"), 100));
        Assert.Null(second.NodeName);
        Assert.Null(second.Preemption);
    }
}
