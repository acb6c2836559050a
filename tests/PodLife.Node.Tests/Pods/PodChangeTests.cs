using k8s.Models;
using PodLife.Node.Pods;

namespace PodLife.Node.Tests.Pods;

/// <summary>Which pod changes make kubelet sync a pod again (config.go checkAndUpdatePod, podsDifferSemantically).</summary>
public sealed class PodChangeTests
{
    static V1Pod Pod(long? generation = 1) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p", Generation = generation,
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            Annotations = new Dictionary<string, string> { ["note"] = "a" },
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox" }] },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    [Fact]
    public void A_change_of_status_alone_is_not_synced_for()
    {
        var next = Pod();
        next.Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };

        Assert.False(PodChange.Differs(Pod(), next));
    }

    public static TheoryData<string, Action<V1Pod>> Changes => new()
    {
        { "spec (generation)", p => p.Metadata.Generation = 2 },
        { "a label", p => p.Metadata.Labels["app"] = "db" },
        { "a label added", p => p.Metadata.Labels["tier"] = "front" },
        { "labels removed", p => p.Metadata.Labels = null },
        { "an annotation", p => p.Metadata.Annotations["note"] = "b" },
        { "deletion", p => p.Metadata.DeletionTimestamp = new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc) },
        { "grace period", p => p.Metadata.DeletionGracePeriodSeconds = 0 },
        { "no generation", p => p.Metadata.Generation = null },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_of_spec_labels_annotations_or_deletion_is_synced_for(string what, Action<V1Pod> change)
    {
        Assert.NotNull(what);
        var next = Pod();
        change(next);

        Assert.True(PodChange.Differs(Pod(), next));
    }

    [Fact]
    public void Empty_and_missing_maps_are_the_same()
    {
        var (a, b) = (Pod(), Pod());
        a.Metadata.Annotations = null;
        b.Metadata.Annotations = new Dictionary<string, string>();

        Assert.False(PodChange.Differs(a, b));
    }

    [Fact]
    public void Only_a_pod_with_readiness_gates_is_synced_for_a_status_change()
    {
        var gated = Pod();
        gated.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "example.com/ready" }];

        Assert.True(PodChange.MayNeedReadinessReconciled(gated));
        Assert.False(PodChange.MayNeedReadinessReconciled(Pod()));
    }
}
