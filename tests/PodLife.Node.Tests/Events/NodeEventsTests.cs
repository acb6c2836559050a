using k8s.Models;
using PodLife.Node.Events;

namespace PodLife.Node.Tests.Events;

/// <summary>The node condition events kubelet records (pkg/kubelet/nodestatus setters, recordNodeStatusEvent).</summary>
public sealed class NodeEventsTests
{
    static V1NodeStatus Status(string memory = "False", string ready = "True") => new()
    {
        Conditions =
        [
            new V1NodeCondition { Type = "MemoryPressure", Status = memory },
            new V1NodeCondition { Type = "DiskPressure", Status = "False" },
            new V1NodeCondition { Type = "PIDPressure", Status = "False" },
            new V1NodeCondition { Type = "Ready", Status = ready },
        ],
    };

    [Fact]
    public void The_first_status_reports_every_condition() =>
        Assert.Equal(["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID", "NodeReady"], NodeEvents.ConditionChanges(null, Status()));

    [Fact]
    public void A_status_that_repeats_the_conditions_reports_nothing() =>
        Assert.Empty(NodeEvents.ConditionChanges(Status(), Status()));

    [Fact]
    public void Only_the_conditions_that_change_are_reported()
    {
        Assert.Equal(["NodeHasInsufficientMemory", "NodeNotReady"], NodeEvents.ConditionChanges(Status(), Status(memory: "True", ready: "False")));
        Assert.Equal(["NodeNotReady"], NodeEvents.ConditionChanges(Status(), Status(ready: "Unknown")));
    }

    [Fact]
    public void The_message_is_kubelets() =>
        Assert.Equal("Node node-1 status is now: NodeReady", NodeEvents.StatusMessage("node-1", "NodeReady"));
}
