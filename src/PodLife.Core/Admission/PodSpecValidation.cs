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
        if (spec.TerminationGracePeriodSeconds is null) errs.Add(FieldError.Required(Spec.Child("terminationGracePeriodSeconds")));
        var volumes = VolumeValidation.Validate(spec.Volumes, Spec.Child("volumes"), errs);
        errs.AddRange(ContainerValidation.Containers(spec.Containers, volumes, Spec.Child("containers")));
        errs.AddRange(ContainerValidation.InitContainers(spec.InitContainers, spec.Containers, volumes, Spec.Child("initContainers")));
        if (spec.HostNetwork == true) errs.AddRange(HostPortsMatch(spec.Containers));
        errs.AddRange(Enumerated(spec.RestartPolicy, RestartPolicies, Spec.Child("restartPolicy")));
        errs.AddRange(Enumerated(spec.DnsPolicy, DnsPolicies, Spec.Child("dnsPolicy")));
        errs.AddRange(ObjectMetaValidation.ValidateLabels(spec.NodeSelector, Spec.Child("nodeSelector")));
        foreach (var (gate, i) in (spec.ReadinessGates ?? []).Select((g, i) => (g?.ConditionType ?? "", i)))
            errs.AddRange(NameFormats.IsQualifiedName(gate).Select(m => FieldError.Invalid(Spec.Child("readinessGates").Index(i).Child("conditionType"), gate, m)));
        errs.AddRange(SchedulingGates(spec.SchedulingGates));
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
        return errs;
    }

    static IEnumerable<FieldError> SchedulingGates(IList<V1PodSchedulingGate>? gates)
    {
        var seen = new HashSet<string>();
        foreach (var (name, i) in (gates ?? []).Select((g, i) => (g?.Name ?? "", i)))
        {
            foreach (var m in NameFormats.IsQualifiedName(name)) yield return FieldError.Invalid(Spec.Child("schedulingGates").Index(i), name, m);
            if (!seen.Add(name)) yield return FieldError.Duplicate(Spec.Child("schedulingGates").Index(i), name);
        }
    }

    // With the host's network a pod's container port is its host port.
    static IEnumerable<FieldError> HostPortsMatch(IList<V1Container>? containers) =>
        from c in (containers ?? []).Select((c, i) => (Ports: c?.Ports ?? [], i))
        from p in c.Ports.Select((p, j) => (Port: p ?? new V1ContainerPort(), j))
        where (p.Port.HostPort ?? 0) != p.Port.ContainerPort
        select FieldError.Invalid(Spec.Child("containers").Index(c.i).Child("ports").Index(p.j).Child("hostPort"), p.Port.HostPort ?? 0,
            "must match `containerPort` when `hostNetwork` is true");

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
