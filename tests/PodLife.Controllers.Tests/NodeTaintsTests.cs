using k8s.Models;
using PodLife.Controllers.NodeLifecycle;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// nodelifecycle doNoScheduleTaintingPass (nodeConditionToTaintKeyStatusMap) and processTaintBaseEviction.
public class NodeTaintsTests
{
    static V1NodeCondition C(string type, string status) => new() { Type = type, Status = status };

    static string[] Render(IEnumerable<V1Taint> taints) => [.. taints.Select(t => $"{t.Key}:{t.Effect}")];

    public static TheoryData<string, V1Taint[], V1NodeCondition[], bool, string, string[]> Cases => new()
    {
        { "healthy node", [], [C("Ready", "True")], false, "True", [] },
        { "NotReady", [], [C("Ready", "False")], false, "False", ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"] },
        { "Unknown, observed True this pass: NoExecute waits a pass", [], [C("Ready", "Unknown")], false, "True", ["node.kubernetes.io/unreachable:NoSchedule"] },
        { "Unknown observed", [], [C("Ready", "Unknown")], false, "Unknown", ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"] },
        {
            "unreachable swaps to not-ready",
            [Taint("node.kubernetes.io/unreachable", "NoSchedule"), Taint("node.kubernetes.io/unreachable", "NoExecute")],
            [C("Ready", "False")], false, "False",
            ["node.kubernetes.io/not-ready:NoSchedule", "node.kubernetes.io/not-ready:NoExecute"]
        },
        {
            "recovery removes controller taints and keeps the user's",
            [Taint("dedicated", "NoSchedule", "gpu"), Taint("node.kubernetes.io/unreachable", "NoSchedule"), Taint("node.kubernetes.io/unreachable", "NoExecute")],
            [C("Ready", "True")], false, "True",
            ["dedicated:NoSchedule"]
        },
        { "pressure conditions", [], [C("Ready", "True"), C("MemoryPressure", "True"), C("DiskPressure", "True"), C("PIDPressure", "False")], false, "True", ["node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/disk-pressure:NoSchedule"] },
        { "cordoned", [], [C("Ready", "True")], true, "True", ["node.kubernetes.io/unschedulable:NoSchedule"] },
        { "uncordoned", [Taint("node.kubernetes.io/unschedulable", "NoSchedule")], [C("Ready", "True")], false, "True", [] },
        { "out-of-service is the admin's", [Taint("node.kubernetes.io/out-of-service", "NoExecute", "nodeshutdown")], [C("Ready", "True")], false, "True", ["node.kubernetes.io/out-of-service:NoExecute"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ControllerTaintsFollowTheNodeState(string _, V1Taint[] existing, V1NodeCondition[] conditions, bool unschedulable, string observedReady, string[] expected) =>
        Assert.Equal(expected, Render(NodeTaints.Reconcile(existing, conditions, unschedulable, observedReady, T0)));

    [Fact]
    public void NoExecuteTaintsCarryTheTimeTheyWereAdded()
    {
        var taints = NodeTaints.Reconcile([], [C("Ready", "False")], false, "False", T0);
        Assert.Equal(T0.UtcDateTime, taints.Single(t => t.Effect == "NoExecute").TimeAdded);
        Assert.Null(taints.Single(t => t.Effect == "NoSchedule").TimeAdded);
    }
}
