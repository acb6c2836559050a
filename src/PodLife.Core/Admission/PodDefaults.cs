using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Fills a pod in as kube-apiserver does: scheme defaults (pkg/apis/core/v1/defaults.go) and, on create,
/// the ServiceAccount and DefaultTolerationSeconds admission plugins and a fresh status.</summary>
/// <remarks>Pure: the input is never changed, a defaulted copy is returned. Priority admission needs the PriorityClass
/// objects, so it is not here: see <see cref="PriorityAdmission"/>.</remarks>
public static class PodDefaults
{
    /// <summary>Everything a pod gets on create; <paramref name="tokenVolumeSuffix"/> names the
    /// <c>kube-api-access-&lt;suffix&gt;</c> volume (kube-apiserver draws 5 random characters, see <see cref="GeneratedName"/>);
    /// <paramref name="now"/> stamps the SchedulingGated condition of a gated pod.</summary>
    public static V1Pod Apply(V1Pod pod, string tokenVolumeSuffix, DateTimeOffset? now = null)
    {
        var copy = ApplySchemeDefaults(pod);
        var spec = copy.Spec;
        AdmissionDefaults.ApplyServiceAccount(copy, tokenVolumeSuffix);
        AdmissionDefaults.ApplyDefaultTolerations(spec);
        // PrepareForCreate: the client's status is discarded.
        copy.Status = new V1PodStatus { Phase = "Pending", QosClass = PodQos.Compute(spec) };
        if (spec.SchedulingGates is { Count: > 0 })
            copy.Status.Conditions =
            [
                new V1PodCondition
                {
                    Type = "PodScheduled", Status = "False", Reason = "SchedulingGated",
                    Message = "Scheduling is blocked due to non-empty scheduling gates", LastTransitionTime = now?.UtcDateTime,
                },
            ];
        return copy;
    }

    /// <summary>Only the scheme defaults, which kube-apiserver applies to every decoded pod (also on update).</summary>
    public static V1Pod ApplySchemeDefaults(V1Pod pod)
    {
        var copy = DeepCopy.Of(pod);
        copy.Metadata ??= new V1ObjectMeta();
        var spec = copy.Spec ??= new V1PodSpec();
        spec.Containers = WithoutNulls(spec.Containers);
        spec.InitContainers = spec.InitContainers is null ? null : WithoutNulls(spec.InitContainers);
        spec.DnsPolicy = OrDefault(spec.DnsPolicy, "ClusterFirst");
        spec.RestartPolicy = OrDefault(spec.RestartPolicy, "Always");
        spec.SchedulerName = OrDefault(spec.SchedulerName, "default-scheduler");
        spec.SecurityContext ??= new V1PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.EnableServiceLinks ??= true;
        // spec.serviceAccount is the deprecated alias of serviceAccountName; the API returns both.
        if (string.IsNullOrEmpty(spec.ServiceAccountName) && !string.IsNullOrEmpty(spec.ServiceAccount))
            spec.ServiceAccountName = spec.ServiceAccount;
        foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
            ContainerDefaults.Apply(container, spec.HostNetwork == true);
        foreach (var ephemeral in spec.EphemeralContainers ?? [])
            if (ephemeral is not null) ContainerDefaults.Apply(ephemeral);
        foreach (var volume in spec.Volumes ?? [])
            if (volume is not null) VolumeDefaults.Apply(volume);
        return copy;
    }

    static List<V1Container> WithoutNulls(IList<V1Container>? containers) =>
        (containers ?? []).Select(c => c ?? new V1Container()).ToList();

    internal static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
