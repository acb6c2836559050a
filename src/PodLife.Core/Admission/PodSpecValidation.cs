using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Pod-level spec rules (ValidatePodSpec), in kube-apiserver's order so aggregated messages read the same.</summary>
static class PodSpecValidation
{
    static readonly FieldPath Spec = FieldPath.Root("spec");
    static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    static readonly string[] PreemptionPolicies = ["PreemptLowerPriority", "Never"];

    public static IEnumerable<FieldError> Validate(V1PodSpec spec)
    {
        var errs = new List<FieldError>();
        var volumes = VolumeValidation.Validate(spec.Volumes, Spec.Child("volumes"), errs);
        errs.AddRange(ContainerValidation.Containers(spec.Containers, volumes, Spec.Child("containers")));
        errs.AddRange(ContainerValidation.InitContainers(spec.InitContainers, spec.Containers, volumes, Spec.Child("initContainers")));
        errs.AddRange(Enumerated(spec.RestartPolicy, RestartPolicies, Spec.Child("restartPolicy")));
        errs.AddRange(Enumerated(spec.DnsPolicy, DnsPolicies, Spec.Child("dnsPolicy")));
        errs.AddRange(ObjectMetaValidation.ValidateLabels(spec.NodeSelector, Spec.Child("nodeSelector")));
        Named(errs, spec.ServiceAccountName, NameRules.ServiceAccount, "serviceAccountName");
        Named(errs, spec.NodeName, NameRules.Node, "nodeName");
        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
            errs.Add(FieldError.Invalid(Spec.Child("activeDeadlineSeconds"), deadline, NameFormats.InclusiveRangeError(1, int.MaxValue)));
        Named(errs, spec.Hostname, (n, _) => NameFormats.IsDns1123Label(n), "hostname");
        Named(errs, spec.Subdomain, (n, _) => NameFormats.IsDns1123Label(n), "subdomain");
        errs.AddRange(TolerationValidation.Validate(spec.Tolerations, Spec.Child("tolerations")));
        Named(errs, spec.PriorityClassName, NameRules.DnsSubdomain, "priorityClassName");
        if (spec.PreemptionPolicy is not null)
            errs.AddRange(Enumerated(spec.PreemptionPolicy, PreemptionPolicies, Spec.Child("preemptionPolicy")));
        foreach (var (gate, i) in (spec.SchedulingGates ?? []).Select((g, i) => (g, i)))
            foreach (var m in NameFormats.IsQualifiedName(gate?.Name ?? ""))
                errs.Add(FieldError.Invalid(Spec.Child("schedulingGates").Index(i).Child("name"), gate?.Name ?? "", m));
        return errs;
    }

    /// <summary>An enumerated string field: empty is Required, anything not listed is Unsupported.</summary>
    public static IEnumerable<FieldError> Enumerated(string? value, string[] valid, FieldPath path)
    {
        if (string.IsNullOrEmpty(value)) return [FieldError.Required(path)];
        return valid.Contains(value, StringComparer.Ordinal) ? [] : [FieldError.NotSupported(path, value, valid)];
    }

    static void Named(List<FieldError> errs, string? value, NameRule rule, string field)
    {
        if (string.IsNullOrEmpty(value)) return;
        errs.AddRange(rule(value, false).Select(m => FieldError.Invalid(Spec.Child(field), value, m)));
    }
}
