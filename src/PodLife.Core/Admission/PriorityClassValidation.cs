using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>scheduling.k8s.io PriorityClass validation (pkg/apis/scheduling/validation/validation.go); pass <c>old</c> on update.</summary>
public static class PriorityClassValidation
{
    static readonly string[] PreemptionPolicies = [PriorityClassDefaults.PreemptLowerPriority, PriorityClassDefaults.Never];

    public static ValidationResult Validate(V1PriorityClass? priorityClass, V1PriorityClass? old = null)
    {
        var pc = priorityClass ?? new V1PriorityClass();
        var name = pc.Metadata?.Name ?? "";
        var errs = old is null
            ? KindValidation.Meta(pc.Metadata, null, false, NameRules.PriorityClass, namespaced: false).Errors.ToList()
            : ObjectMetaValidation.ValidateUpdate(pc.Metadata, old.Metadata).ToList();
        if (old is null)
        {
            if (name.StartsWith(SystemPriorityClasses.Prefix, StringComparison.Ordinal))
            {
                if (SystemPriorityClasses.WhyNotKnown(name, pc.Value ?? 0, pc.GlobalDefault == true) is { } why)
                    errs.Add(FieldError.Forbidden(FieldPath.Root("metadata", "name"),
                        $"priority class names with '{SystemPriorityClasses.Prefix}' prefix are reserved for system use only. error: {why}"));
            }
            else if ((pc.Value ?? 0) > SystemPriorityClasses.HighestUserDefinablePriority)
            {
                errs.Add(FieldError.Forbidden(FieldPath.Root("value"),
                    $"maximum allowed value of a user defined priority is {SystemPriorityClasses.HighestUserDefinablePriority}"));
            }
            if (pc.PreemptionPolicy is { } policy) errs.AddRange(PreemptionPolicy(policy, FieldPath.Root("preemptionPolicy")));
            return new ValidationResult(errs);
        }
        // Update: name is checked with the metadata; value and preemptionPolicy cannot change.
        if ((pc.Value ?? 0) != (old.Value ?? 0)) errs.Add(FieldError.Forbidden(FieldPath.Root("value"), "may not be changed in an update."));
        if (pc.PreemptionPolicy != old.PreemptionPolicy)
            errs.Add(FieldError.Invalid(FieldPath.Root("preemptionPolicy"), pc.PreemptionPolicy, "field is immutable"));
        return new ValidationResult(errs);
    }

    /// <summary>ValidatePreemptionPolicy (core validation), shared by pods and priority classes.</summary>
    public static IEnumerable<FieldError> PreemptionPolicy(string policy, FieldPath path) => policy switch
    {
        "" => [FieldError.Required(path)],
        _ when PreemptionPolicies.Contains(policy) => [],
        _ => [FieldError.NotSupported(path, policy, PreemptionPolicies)],
    };
}
