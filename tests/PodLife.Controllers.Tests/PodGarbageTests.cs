using k8s.Models;
using PodLife.Controllers.PodGc;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// pkg/controller/podgc/gc_controller.go: gcTerminated, gcOrphaned (quarantine 40s), gcUnscheduledTerminating, gcTerminating.
public class PodGarbageTests
{
    static V1Pod Finished(string name, int ageMinutes, string? reason = null)
    {
        var pod = RunningPod(name, "n");
        pod.Status.Phase = "Succeeded";
        pod.Status.Reason = reason;
        pod.Metadata.CreationTimestamp = T0.AddMinutes(-ageMinutes).UtcDateTime;
        return pod;
    }

    static readonly Dictionary<string, V1Node> Nodes = new() { ["n"] = ReadyNode("n", T0) };

    static string[] Decide(IReadOnlyCollection<V1Pod> pods, int threshold = 12500, Dictionary<string, DateTimeOffset>? missing = null, Dictionary<string, V1Node>? nodes = null) =>
        [.. PodGarbageRules.Decide(pods, nodes ?? Nodes, missing ?? [], threshold, T0).Select(a => a.Pod.Metadata.Name)];

    [Fact]
    public void TerminatedPodsOverTheThresholdGoOldestFirstWithEvictedAhead()
    {
        var pods = new[] { Finished("young", 1), Finished("old", 10), Finished("evicted", 0, "Evicted"), Finished("middle", 5) };
        Assert.Equal(["evicted", "old"], Decide(pods, threshold: 2));
        Assert.Empty(Decide(pods, threshold: 4));
        Assert.Empty(Decide(pods, threshold: 0));
    }

    [Fact]
    public void PodsOfAMissingNodeAreOrphanedOnlyAfterTheQuarantine()
    {
        var pods = new[] { RunningPod("orphan", "gone") };
        Assert.Empty(Decide(pods, missing: new() { ["gone"] = T0.AddSeconds(-39) }));
        Assert.Empty(Decide(pods));

        var action = PodGarbageRules.Decide(pods, Nodes, new Dictionary<string, DateTimeOffset> { ["gone"] = T0.AddSeconds(-40) }, 12500, T0).Single();
        Assert.Equal(("DeletionByPodGC", "PodGC: node no longer exists"), (action.DisruptionTarget!.Reason, action.DisruptionTarget.Message));
    }

    [Fact]
    public void TerminatingPodsThatWereNeverScheduledAreRemoved()
    {
        var unscheduled = RunningPod("unscheduled", "n");
        unscheduled.Spec.NodeName = null;
        var pending = RunningPod("pending", "n");
        pending.Spec.NodeName = null;
        unscheduled.Metadata.DeletionTimestamp = T0.UtcDateTime;

        Assert.Equal(["unscheduled"], Decide([unscheduled, pending]));
    }

    [Fact]
    public void TerminatingPodsOnAnOutOfServiceNotReadyNodeAreForceDeleted()
    {
        var node = ReadyNode("n", T0);
        node.Status.Conditions[3].Status = "Unknown";
        node.Spec.Taints = [Taint("node.kubernetes.io/out-of-service", "NoExecute", "nodeshutdown")];
        var terminating = RunningPod("terminating", "n");
        terminating.Metadata.DeletionTimestamp = T0.UtcDateTime;
        var running = RunningPod("running", "n");

        Assert.Equal(["terminating"], Decide([terminating, running], nodes: new() { ["n"] = node }));
        Assert.Empty(Decide([terminating, running]));
    }
}
