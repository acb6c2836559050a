using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/core/validation/validation.go ValidatePodUpdate (validation_test.go TestValidatePodUpdate):
// only images, activeDeadlineSeconds (set or lower), tolerations (additions) and scheduling gates (removals) may change.
public class PodUpdateValidationTests
{
    const string ForbiddenStart = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n";

    static V1Pod Stored() => Pods.Defaulted(p => { p.Metadata.ResourceVersion = "7"; p.Metadata.Uid = "u-1"; });

    static IReadOnlyList<string> Errors(Action<V1Pod> change)
    {
        var old = Stored();
        var updated = Stored();
        change(updated);
        return PodValidation.ValidateUpdate(old, updated).Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void AnUnchangedPodMayBeWrittenBack() => Assert.Empty(Errors(_ => { }));

    [Fact]
    public void ImagesLabelsAndAnnotationsMayChange() => Assert.Empty(Errors(p =>
    {
        Pods.App(p).Image = "nginx:1.27";
        p.Metadata.Labels["tier"] = "front";
        p.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "x" };
    }));

    [Fact]
    public void ActiveDeadlineMayBeSetAndLoweredButNotRaisedOrRemoved()
    {
        Assert.Empty(Errors(p => p.Spec.ActiveDeadlineSeconds = 60));
        var old = Stored();
        old.Spec.ActiveDeadlineSeconds = 60;
        var raised = Stored();
        raised.Spec.ActiveDeadlineSeconds = 61;
        Assert.Equal(["spec.activeDeadlineSeconds: Invalid value: 61: must be less than or equal to previous value"],
            PodValidation.ValidateUpdate(old, raised).Errors.Select(e => e.ToString()));
        Assert.Equal(["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"],
            PodValidation.ValidateUpdate(old, Stored()).Errors.Select(e => e.ToString()));
        Assert.Contains("spec.activeDeadlineSeconds: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive",
            Errors(p => p.Spec.ActiveDeadlineSeconds = 3_000_000_000));
    }

    [Fact]
    public void TolerationsMayBeAddedAndTheirSecondsChanged()
    {
        Assert.Empty(Errors(p => p.Spec.Tolerations.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "db", Effect = "NoSchedule" })));
        Assert.Empty(Errors(p => p.Spec.Tolerations[0].TolerationSeconds = 10));
    }

    [Fact]
    public void AnExistingTolerationMayNotBeModified() =>
        Assert.Equal(["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"],
            Errors(p => p.Spec.Tolerations[0].Key = "example.com/other"));

    [Fact]
    public void SchedulingGatesMayOnlyBeRemoved()
    {
        var old = Stored();
        old.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "g1" }];
        var added = Stored();
        added.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "g1" }, new V1PodSchedulingGate { Name = "g2" }];
        Assert.Equal(["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'g2'"],
            PodValidation.ValidateUpdate(old, added).Errors.Select(e => e.ToString()));
        Assert.True(PodValidation.ValidateUpdate(old, Stored()).IsValid);
    }

    [Fact]
    public void AGatedPodMayOnlyGainNodeSelectorEntries()
    {
        V1Pod Gated(Dictionary<string, string> selector)
        {
            var pod = Stored();
            pod.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "g1" }];
            pod.Spec.NodeSelector = selector;
            return pod;
        }
        var old = Gated(new() { ["a"] = "b" });
        Assert.True(PodValidation.ValidateUpdate(old, Gated(new() { ["a"] = "b", ["c"] = "d" })).IsValid);
        Assert.Equal(["spec.nodeSelector: Invalid value: map[string]string{\"a\":\"z\", \"c\":\"d\"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)"],
            PodValidation.ValidateUpdate(old, Gated(new() { ["a"] = "z", ["c"] = "d" })).Errors.Select(e => e.ToString()));
        Assert.StartsWith(ForbiddenStart, Assert.Single(Errors(p => p.Spec.NodeSelector = new Dictionary<string, string> { ["c"] = "d" })));
    }

    [Fact]
    public void ContainersMayNotBeAddedOrRemoved() =>
        Assert.Equal(["spec.containers: Forbidden: pod updates may not add or remove containers"],
            Errors(p => p.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox", ImagePullPolicy = "Always", TerminationMessagePolicy = "File" })));

    [Fact]
    public void OtherSpecChangesAreForbiddenWithADiffOfTheChangedFields()
    {
        var error = Assert.Single(Errors(p => Pods.App(p).Resources = new V1ResourceRequirements { Requests = Pods.Resources(null, "2Gi") }));
        Assert.StartsWith(ForbiddenStart, error);
        Assert.Contains("+ \tspec.containers[0].resources.requests.memory: \"2Gi\"\n", error);
        Assert.DoesNotContain("image", error[ForbiddenStart.Length..]);
    }

    [Fact]
    public void TheDiffShowsOldAndNewValues()
    {
        var error = Assert.Single(Errors(p => p.Spec.RestartPolicy = "Never"));
        Assert.EndsWith("  core.PodSpec{\n- \tspec.restartPolicy: \"Always\"\n+ \tspec.restartPolicy: \"Never\"\n  }\n", error);
    }

    [Fact]
    public void AnEmptyListOrMapIsTheSameAsNone() => Assert.Empty(Errors(p =>
    {
        // Encoded differently ([] and {} against nothing), equal as apimachinery compares specs.
        Assert.Null(p.Spec.NodeSelector);
        Assert.Null(Pods.App(p).Env);
        p.Spec.NodeSelector = new Dictionary<string, string>();
        Pods.App(p).Env = [];
    }));

    [Fact]
    public void GracePeriodMayGoFromNegativeToOne()
    {
        var old = Stored();
        old.Spec.TerminationGracePeriodSeconds = -1;
        var updated = Stored();
        updated.Spec.TerminationGracePeriodSeconds = 1;
        Assert.True(PodValidation.ValidateUpdate(old, updated).IsValid);
        Assert.False(PodValidation.ValidateUpdate(Stored(), updated).IsValid);
    }

    [Fact]
    public void MetadataIdentityIsImmutableAndAResourceVersionRequired()
    {
        var errors = Errors(p => { p.Metadata.Name = "other"; p.Metadata.ResourceVersion = null; });
        Assert.Contains("metadata.name: Invalid value: \"other\": field is immutable", errors);
        Assert.Contains("metadata.resourceVersion: Invalid value: \"\": must be specified for an update", errors);
    }

    [Fact]
    public void NullPodsAreRefusedNotCrashedOn() => Assert.False(PodValidation.ValidateUpdate(null, null).IsValid);
}
