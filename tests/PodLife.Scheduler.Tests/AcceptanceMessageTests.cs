using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// The acceptance cases, one node each, with the full text kube-scheduler writes into the PodScheduled condition
// and the FailedScheduling event (as seen from `kubectl describe pod` on clusters of 1.30-1.33).
public class AcceptanceMessageTests
{
    const string Victims = "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
    const string NotHelpful = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

    public static TheoryData<string, V1Node, V1Pod[], V1Pod, string> Cases => new()
    {
        { "insufficient cpu", Node("n", "1"), [], Pod("p", "2"), $"0/1 nodes are available: 1 Insufficient cpu. {Victims}" },
        { "insufficient memory", Node("n", memory: "1Gi"), [], Pod("p", memory: "2Gi"), $"0/1 nodes are available: 1 Insufficient memory. {Victims}" },
        { "node selector mismatch", Node("n"), [], Pod("p").WithNodeSelector("disktype", "ssd"), $"0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. {NotHelpful}" },
        { "untolerated taint", Node("n").WithTaint("dedicated", "NoSchedule", "infra"), [], Pod("p"), $"0/1 nodes are available: 1 node(s) had untolerated taint {{dedicated: infra}}. {NotHelpful}" },
        { "unschedulable node", Node("n").Cordoned(), [], Pod("p"), $"0/1 nodes are available: 1 node(s) were unschedulable. {NotHelpful}" },
        { "too many pods", Node("n", pods: "2"), [Pod("a", node: "n"), Pod("b", node: "n")], Pod("p"), $"0/1 nodes are available: 1 Too many pods. {Victims}" },
        { "host port taken", Node("n"), [Pod("a", node: "n").WithHostPort(80)], Pod("p").WithHostPort(80), $"0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. {Victims}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachAcceptanceCaseGetsKubeSchedulersExactMessage(string _, V1Node node, V1Pod[] bound, V1Pod pod, string message)
    {
        var cache = new ClusterCache();
        cache.SetNode(node);
        foreach (var b in bound)
            cache.SetPod(b);

        var result = new PodScheduler(SchedulerProfile.Default, new Random(1)).Schedule(SchedulingPod.From(pod), cache);

        Assert.Null(result.NodeName);
        Assert.Equal(message, result.FailureMessage);
    }
}
