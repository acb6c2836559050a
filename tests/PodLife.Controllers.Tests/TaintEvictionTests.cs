using k8s.Models;
using PodLife.Controllers.TaintEviction;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// pkg/controller/tainteviction/taint_eviction.go processPodOnNode and getMinTolerationTime.
public class TaintEvictionTests
{
    static readonly V1Taint Unreachable = Taint("node.kubernetes.io/unreachable", "NoExecute");

    public static TheoryData<string, V1Taint[], V1Toleration[], int?> Cases => new()
    {
        { "no NoExecute taint", [Taint("node.kubernetes.io/unreachable", "NoSchedule")], [], null },
        { "no toleration: at once", [Unreachable], [], 0 },
        { "default 300s toleration", [Unreachable], [Default("node.kubernetes.io/unreachable")], 300 },
        { "toleration without seconds: forever", [Unreachable], [Default("node.kubernetes.io/unreachable", null)], null },
        { "zero seconds: at once", [Unreachable], [Default("node.kubernetes.io/unreachable", 0)], 0 },
        { "negative seconds: at once", [Unreachable], [Default("node.kubernetes.io/unreachable", -5)], 0 },
        { "tolerating another key: at once", [Unreachable], [Default("node.kubernetes.io/not-ready")], 0 },
        { "the shortest used toleration wins", [Unreachable, Taint("maintenance", "NoExecute")], [Default("node.kubernetes.io/unreachable", 300), Default("maintenance", 60)], 60 },
        { "one taint untolerated among several: at once", [Unreachable, Taint("maintenance", "NoExecute")], [Default("node.kubernetes.io/unreachable")], 0 },
        { "forever plus finite: the finite one", [Unreachable, Taint("maintenance", "NoExecute")], [Default("node.kubernetes.io/unreachable", null), Default("maintenance", 30)], 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EvictionTimeFollowsTheTolerations(string _, V1Taint[] taints, V1Toleration[] tolerations, int? afterSeconds)
    {
        var decision = TaintEvictionRules.Decide(taints, tolerations, T0, scheduledSince: null);
        Assert.Equal(afterSeconds is null ? null : T0.AddSeconds(afterSeconds.Value), decision.EvictAt);
    }

    [Fact]
    public void ThePendingEvictionKeepsItsStartTime()
    {
        var decision = TaintEvictionRules.Decide([Unreachable], [Default("node.kubernetes.io/unreachable")], T0.AddSeconds(100), scheduledSince: T0);
        Assert.Equal(T0.AddSeconds(300), decision.EvictAt);
    }

    [Fact]
    public void TheDisruptionTargetConditionIsWordedLikeTheTaintManager()
    {
        var condition = TaintEvictionRules.DisruptionTarget(T0);
        Assert.Equal(("DisruptionTarget", "True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"),
            (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.Equal("Marking for deletion Pod default/web", TaintEvictionRules.EventMessage("default", "web"));
    }
}
