using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go and framework/preemption: victims are the
// fewest lower-priority pods whose removal lets the pod fit; the node whose victims matter least wins.
public class PreemptionTests
{
    static V1Pod Prioritised(V1Pod pod, int priority, DateTime? started = null)
    {
        pod.Spec.Priority = priority;
        pod.Status.StartTime = started;
        return pod;
    }

    static ScheduleResult Schedule(V1Pod pod, params (V1Node Node, V1Pod[] Pods)[] nodes)
    {
        var cache = new ClusterCache();
        foreach (var (node, pods) in nodes)
        {
            cache.SetNode(node);
            foreach (var p in pods) cache.SetPod(p);
        }
        return new PodScheduler(SchedulerProfile.Default, new Random(1)).Schedule(SchedulingPod.From(pod), cache);
    }

    [Fact]
    public void AHigherPriorityPodEvictsOnlyAsManyLowerPriorityPodsAsItNeeds()
    {
        var result = Schedule(Prioritised(Pod("important", "2"), 1000),
            (Node("n1", "4"), [Prioritised(Pod("a", "1", node: "n1"), 0), Prioritised(Pod("b", "1", node: "n1"), 0), Prioritised(Pod("c", "2", node: "n1"), 500)]));

        Assert.Null(result.NodeName);
        Assert.Equal("n1", result.Preemption!.NodeName);
        // c (priority 500) is reprieved first but then nothing fits; a and b (priority 0) make exactly 2 cpu of room.
        Assert.Equal(["a", "b"], result.Preemption.Victims.Select(v => v.Name).Order());
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", result.FailureMessage); // no "preemption:" part
    }

    [Fact]
    public void PodsOfEqualOrHigherPriorityAreNeverVictims()
    {
        var result = Schedule(Prioritised(Pod("p", "2"), 100),
            (Node("n1", "2"), [Prioritised(Pod("same", "1", node: "n1"), 100), Prioritised(Pod("higher", "1", node: "n1"), 200)]));

        Assert.Null(result.Preemption);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", result.FailureMessage);
    }

    [Fact]
    public void NodesRejectedForTaintsAreNotHelpedByPreemption()
    {
        var result = Schedule(Prioritised(Pod("p", "1"), 100),
            (Node("tainted", "1").WithTaint("dedicated", "NoSchedule", "infra"), [Prioritised(Pod("low", "1", node: "tainted"), 0)]));

        Assert.Null(result.Preemption);
        Assert.EndsWith("preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", result.FailureMessage);
    }

    [Fact]
    public void TheNodeWithTheLeastImportantVictimsIsChosen()
    {
        var result = Schedule(Prioritised(Pod("p", "2"), 1000),
            (Node("n1", "2"), [Prioritised(Pod("mid", "2", node: "n1"), 500)]),
            (Node("n2", "2"), [Prioritised(Pod("low1", "1", node: "n2"), 10), Prioritised(Pod("low2", "1", node: "n2"), 10)]));

        // Lowest highest-victim priority wins before fewest victims.
        Assert.Equal("n2", result.Preemption!.NodeName);
    }

    [Fact]
    public void AmongEqualCandidatesTheOneWhoseVictimsStartedLastIsChosen()
    {
        var early = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var result = Schedule(Prioritised(Pod("p", "2"), 1000),
            (Node("n1", "2"), [Prioritised(Pod("old", "2", node: "n1"), 0, early)]),
            (Node("n2", "2"), [Prioritised(Pod("new", "2", node: "n2"), 0, early.AddHours(1))]));

        Assert.Equal("n2", result.Preemption!.NodeName);
    }

    [Fact]
    public void PreemptionPolicyNeverPreemptsNothing()
    {
        var pod = Prioritised(Pod("p", "2"), 1000);
        pod.Spec.PreemptionPolicy = "Never";
        var result = Schedule(pod, (Node("n1", "2"), [Prioritised(Pod("low", "2", node: "n1"), 0)]));

        Assert.Null(result.Preemption);
        Assert.EndsWith("preemption: not eligible due to preemptionPolicy=Never.", result.FailureMessage);
    }

    [Fact]
    public void APodWaitsWhileItsEarlierVictimsAreStillTerminating()
    {
        var pod = Prioritised(Pod("p", "2"), 1000);
        pod.Status.NominatedNodeName = "n1";
        var victim = Prioritised(Pod("low", "2", node: "n1"), 0);
        victim.Metadata.DeletionTimestamp = DateTime.UtcNow;
        victim.Status.Conditions = [new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler" }];

        var result = Schedule(pod, (Node("n1", "2"), [victim]));

        Assert.Null(result.Preemption);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.", result.FailureMessage);
    }
}
