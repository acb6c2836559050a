using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>kube-apiserver's validation of pods on create and update (pkg/apis/core/validation ValidatePodCreate/ValidatePodUpdate).</summary>
/// <remarks>Expects defaulted pods (<see cref="PodDefaults"/>), as kube-apiserver validates after decoding with defaults.
/// Never throws: missing parts of a malformed pod are treated as empty.</remarks>
public static class PodValidation
{
    static readonly FieldPath Spec = FieldPath.Root("spec");

    public static ValidationResult ValidateCreate(V1Pod? pod)
    {
        pod ??= new V1Pod();
        var errs = MetadataAndSpec(pod);
        if (pod.Spec?.EphemeralContainers is { Count: > 0 })
            errs.Add(FieldError.Forbidden(Spec.Child("ephemeralContainers"), "cannot be set on create"));
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Spec.SchedulingGates is { Count: > 0 })
            errs.Add(FieldError.Forbidden(Spec.Child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
        return new ValidationResult(errs);
    }

    /// <summary>An update of the whole pod: metadata rules, the new pod's validity, and that only mutable spec fields changed.</summary>
    public static ValidationResult ValidateUpdate(V1Pod? old, V1Pod? updated)
    {
        old ??= new V1Pod();
        updated ??= new V1Pod();
        var errs = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errs.AddRange(MetadataAndSpec(updated));
        errs.AddRange(PodSpecUpdateValidation.Validate(old.Spec ?? new V1PodSpec(), updated.Spec ?? new V1PodSpec()));
        return new ValidationResult(errs);
    }

    /// <summary>A pods/status update: metadata update rules, nodeName unchanged, no terminated container revived against the restart policy.</summary>
    public static ValidationResult ValidateStatusUpdate(V1Pod? old, V1Pod? updated)
    {
        old ??= new V1Pod();
        updated ??= new V1Pod();
        var errs = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        errs.AddRange(PodStatusUpdateValidation.Validate(old, updated));
        return new ValidationResult(errs);
    }

    /// <summary>
    /// The status rules of <see cref="ValidateStatusUpdate"/> alone, for a pods/status write through the API, whose spec
    /// is the stored pod's (the status strategy keeps it) and whose metadata is validated as it is taken: the stored
    /// pod's restart policy, the names of its sidecar init containers (restartPolicy Always), its status and the written one.
    /// </summary>
    public static ValidationResult ValidateStatusWrite(string restartPolicy, IReadOnlySet<string> sidecars, V1PodStatus? old, V1PodStatus? updated) =>
        new(PodStatusUpdateValidation.StatusRules(restartPolicy, sidecars, old, updated));

    static List<FieldError> MetadataAndSpec(V1Pod pod)
    {
        var spec = pod.Spec ?? new V1PodSpec();
        var errs = new List<FieldError>(ObjectMetaValidation.Validate(pod.Metadata, NameRules.Pod, namespaced: true));
        errs.AddRange(PodSpecValidation.Validate(spec));
        // Only pods, not templates: no projected token without a service account, no whitespace around images.
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            foreach (var (volume, vi) in (spec.Volumes ?? []).Select((v, i) => (v, i)))
                foreach (var (source, si) in (volume?.Projected?.Sources ?? []).Select((s, i) => (s, i)))
                    if (source?.ServiceAccountToken is not null)
                        errs.Add(FieldError.Forbidden(Spec.Child("volumes").Index(vi).Child("projected", "sources").Index(si).Child("serviceAccountToken"),
                            "must not be specified when serviceAccountName is not set"));
        }
        errs.AddRange(ContainerValidation.ImagesWithoutWhitespace(spec.Containers, Spec.Child("containers")));
        errs.AddRange(ContainerValidation.ImagesWithoutWhitespace(spec.InitContainers, Spec.Child("initContainers")));
        return errs;
    }
}
