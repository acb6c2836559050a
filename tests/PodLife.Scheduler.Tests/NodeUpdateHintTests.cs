using k8s.Models;
using PodLife.Scheduler.Service;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// kube-scheduler's queueing hints for node updates, for the filters PodLife runs (framework/types.go NodeAllocatable,
// NodeLabel, NodeTaint, UpdateNodeSpec... and the plugins' EventsToRegister).
public class NodeUpdateHintTests
{
    static V1Node Copy(V1Node n) => k8s.KubernetesJson.Deserialize<V1Node>(k8s.KubernetesJson.Serialize(n));

    public static TheoryData<string, Action<V1Node>, bool> Changes => new()
    {
        { "heartbeat only", n => n.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = DateTime.UtcNow }], false },
        { "annotation only", n => n.Metadata.Annotations = new Dictionary<string, string> { ["a"] = "b" }, false },
        { "more allocatable cpu", n => n.Status.Allocatable["cpu"] = new ResourceQuantity("64"), true },
        { "a new label", n => n.Metadata.Labels = new Dictionary<string, string> { ["disktype"] = "ssd" }, true },
        { "a taint removed", n => n.Spec.Taints = [], true },
        { "uncordoned", n => n.Spec.Unschedulable = false, true },
        { "a taint's effect changed", n => n.Spec.Taints[0].Effect = "NoExecute", true },
        { "a label value changed", n => n.Metadata.Labels["kubernetes.io/hostname"] = "other", true },
        { "the same cpu written as millicores", n => n.Status.Allocatable["cpu"] = new ResourceQuantity("2000m"), false },
        { "labels emptied to an empty map", n => n.Metadata.Labels.Clear(), true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void OnlyChangesThatCanLetAPodFitRequeueParkedPods(string _, Action<V1Node> change, bool requeue)
    {
        var old = Node("n", "2").WithTaint("dedicated", "NoSchedule", "infra").Cordoned();
        var updated = Copy(old);
        change(updated);

        Assert.Equal(requeue, NodeUpdateHint.MayMakePodsSchedulable(old, updated));
    }

    [Fact]
    public void ANodeWithoutTaintsLabelsOrAllocatableComparesWithoutThrowing()
    {
        // A plain node has no taints: comparing two such updates once threw and made the node informer relist forever.
        var bare = new V1Node { Metadata = new V1ObjectMeta { Name = "n" }, Spec = new V1NodeSpec(), Status = new V1NodeStatus() };
        var heartbeat = Copy(bare);
        heartbeat.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }];

        Assert.False(NodeUpdateHint.MayMakePodsSchedulable(bare, heartbeat));
        Assert.False(NodeUpdateHint.MayMakePodsSchedulable(bare, Copy(bare)));
    }

    [Fact]
    public void AnEmptyTaintListIsTheSameAsNone()
    {
        var none = Node("n", "2");
        var empty = Copy(none);
        empty.Spec.Taints = [];

        Assert.False(NodeUpdateHint.MayMakePodsSchedulable(none, empty));
    }

    [Fact]
    public void ANewNodeAlwaysRequeues() => Assert.True(NodeUpdateHint.MayMakePodsSchedulable(null, Node("n")));
}
