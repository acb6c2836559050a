using k8s.Models;
using PodLife.Scheduler.Service;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// kube-scheduler's isPodUpdated (scheduling_queue.go): status-only updates never retry a parked pod; a change of what
// the filters read does.
public class PodUpdateHintTests
{
    static V1Pod Copy(V1Pod p) => k8s.KubernetesJson.Deserialize<V1Pod>(k8s.KubernetesJson.Serialize(p));

    public static TheoryData<string, Action<V1Pod>, bool> Changes => new()
    {
        { "a PodScheduled condition", p => p.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False" }], false },
        { "nominated node", p => p.Status.NominatedNodeName = "n", false },
        { "an annotation", p => p.Metadata.Annotations = new Dictionary<string, string> { ["a"] = "b" }, false },
        { "resource version", p => p.Metadata.ResourceVersion = "99", false },
        { "a label", p => p.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" }, true },
        { "a toleration added", p => p.Tolerating("dedicated"), true },
        { "the last gate removed", p => p.Spec.SchedulingGates = [], true },
        { "a node selector", p => p.WithNodeSelector("disktype", "ssd"), true },
        { "more cpu requested", p => p.Spec.Containers[0].Resources.Requests["cpu"] = new ResourceQuantity("2"), true },
        { "a host port", p => p.WithHostPort(8080), true },
        { "an affinity", p => p.Spec.Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity() }, true },
        { "an init container", p => p.Spec.InitContainers = [Container("init", "1")], true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void OnlyChangesToWhatTheFiltersReadRetryAParkedPod(string _, Action<V1Pod> change, bool retry)
    {
        var old = Pod("p", "1", "1Gi");
        old.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/wait" }];
        var updated = Copy(old);
        change(updated);

        Assert.Equal(retry, PodUpdateHint.MayChangeScheduling(old, updated));
    }

    [Fact]
    public void AnEqualQuantityWrittenAnotherWayIsNoChange()
    {
        var old = Pod("p", "1");
        var updated = Copy(old);
        updated.Spec.Containers[0].Resources.Requests["cpu"] = new ResourceQuantity("1000m");
        Assert.False(PodUpdateHint.MayChangeScheduling(old, updated));
    }
}
