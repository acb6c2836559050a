using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>What a pod update may change in the spec (the spec part of ValidatePodUpdate).</summary>
static class PodSpecUpdateValidation
{
    public const string UpdatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    static readonly FieldPath Spec = FieldPath.Root("spec");

    public static IEnumerable<FieldError> Validate(V1PodSpec old, V1PodSpec updated)
    {
        var errs = new List<FieldError>();
        // Adding or removing containers stops validation: nothing below could be compared.
        if (!ContainerImages(old.Containers, updated.Containers, Spec.Child("containers"), errs)
            || !ContainerImages(old.InitContainers, updated.InitContainers, Spec.Child("initContainers"), errs))
            return errs;
        if (!ActiveDeadline(old.ActiveDeadlineSeconds, updated.ActiveDeadlineSeconds, errs)) return errs;
        errs.AddRange(OnlyAddedTolerations(old.Tolerations, updated.Tolerations));
        errs.AddRange(OnlyRemovedSchedulingGates(old.SchedulingGates, updated.SchedulingGates));

        // A spec written back as it was has nothing to put back nor to compare: the copy Munge makes would be the
        // larger part of what a label patch of a pod allocates.
        if (SpecDiff.Same(old, updated)) return errs;
        var munged = Munge(old, updated);
        if (old.SchedulingGates is { Count: > 0 }) errs.AddRange(GatedNodeSelector(old, munged));
        var diff = SpecDiff.Lines(old, munged);
        if (diff.Count > 0)
            errs.Add(FieldError.Forbidden(Spec, $"pod updates may not change fields other than {UpdatableFields}\n" + SpecDiff.Format(diff)));
        return errs;
    }

    static bool ContainerImages(IList<V1Container>? old, IList<V1Container>? updated, FieldPath path, List<FieldError> errs)
    {
        if ((old?.Count ?? 0) != (updated?.Count ?? 0))
        {
            errs.Add(FieldError.Forbidden(path, "pod updates may not add or remove containers"));
            return false;
        }
        foreach (var (container, i) in (updated ?? []).Select((c, i) => (c, i)))
        {
            var image = container?.Image ?? "";
            if (image.Length == 0) errs.Add(FieldError.Required(path.Index(i).Child("image")));
            if (image.Trim().Length != image.Length)
                errs.Add(FieldError.Invalid(path.Index(i).Child("image"), image, "must not have leading or trailing whitespace"));
        }
        return true;
    }

    // May be set, or lowered; never raised or removed.
    static bool ActiveDeadline(long? old, long? updated, List<FieldError> errs)
    {
        var path = Spec.Child("activeDeadlineSeconds");
        if (updated is { } value)
        {
            if (value is < 0 or > int.MaxValue)
            {
                errs.Add(FieldError.Invalid(path, value, NameFormats.InclusiveRangeError(0, int.MaxValue)));
                return false;
            }
            if (old is { } previous && previous < value)
            {
                errs.Add(FieldError.Invalid(path, value, "must be less than or equal to previous value"));
                return false;
            }
        }
        else if (old is not null)
            errs.Add(FieldError.Invalid(path, null, "must not update from a positive integer to nil value"));
        return true;
    }

    static IEnumerable<FieldError> OnlyAddedTolerations(IList<V1Toleration>? old, IList<V1Toleration>? updated)
    {
        var path = Spec.Child("tolerations");
        // Each existing toleration must still be there; only its tolerationSeconds may change.
        var kept = (old ?? []).All(o => (updated ?? []).Any(n => SameButSeconds(o, n)));
        if (!kept) return [FieldError.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
        return TolerationValidation.Validate(updated, path);
    }

    static bool SameButSeconds(V1Toleration? a, V1Toleration? b) =>
        a is null || b is null ? a == b
            : a.Key == b.Key && a.OperatorProperty == b.OperatorProperty && a.Value == b.Value && a.Effect == b.Effect;

    static IEnumerable<FieldError> OnlyRemovedSchedulingGates(IList<V1PodSchedulingGate>? old, IList<V1PodSchedulingGate>? updated)
    {
        var oldNames = (old ?? []).Select(g => g?.Name ?? "").ToHashSet();
        return (updated ?? []).Select((g, i) => (Name: g?.Name ?? "", i))
            .Where(g => !oldNames.Contains(g.Name))
            .Select(g => FieldError.Forbidden(Spec.Child("schedulingGates").Index(g.i).Child("name"),
                $"only deletion is allowed, but found new scheduling gate '{g.Name}'"));
    }

    // A pod still waiting at its scheduling gates may get more nodeSelector entries, but keeps the ones it has.
    static IEnumerable<FieldError> GatedNodeSelector(V1PodSpec old, V1PodSpec munged)
    {
        var before = old.NodeSelector ?? new Dictionary<string, string>();
        var after = munged.NodeSelector ?? new Dictionary<string, string>();
        munged.NodeSelector = old.NodeSelector;
        if (before.All(kv => after.TryGetValue(kv.Key, out var value) && value == kv.Value)) return [];
        return [FieldError.Invalid(Spec.Child("nodeSelector"), after, "only additions to spec.nodeSelector are allowed (no mutations or deletions)")];
    }

    // The updated spec with every field that may change put back to its old value.
    static V1PodSpec Munge(V1PodSpec old, V1PodSpec updated)
    {
        var munged = DeepCopy.Of(updated);
        RestoreImages(munged.Containers, old.Containers);
        RestoreImages(munged.InitContainers, old.InitContainers);
        munged.ActiveDeadlineSeconds = old.ActiveDeadlineSeconds;
        munged.SchedulingGates = old.SchedulingGates;
        munged.Tolerations = old.Tolerations;
        if (old.TerminationGracePeriodSeconds < 0 && munged.TerminationGracePeriodSeconds == 1)
            munged.TerminationGracePeriodSeconds = old.TerminationGracePeriodSeconds;
        return munged;
    }

    static void RestoreImages(IList<V1Container>? containers, IList<V1Container>? old)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
            if (containers![i] is { } container) container.Image = old?[i]?.Image;
    }
}
