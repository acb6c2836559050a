using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Fills a pod in as kube-apiserver does: scheme defaults (pkg/apis/core/v1/defaults.go) and, on create,
/// the ServiceAccount and DefaultTolerationSeconds admission plugins and a fresh status.</summary>
/// <remarks><see cref="Apply"/> and <see cref="ApplySchemeDefaults"/> are pure: the input is never changed, a defaulted
/// copy is returned. <see cref="Fill"/> and <see cref="FillSchemeDefaults"/> default the pod they are given, for a caller
/// whose pod is already its own copy (one just decoded), which a second copy would only cost. Priority admission needs
/// the PriorityClass objects, so it is not here: see <see cref="PriorityAdmission"/>.</remarks>
public static class PodDefaults
{
    /// <summary>Everything a pod gets on create; <paramref name="tokenVolumeSuffix"/> names the
    /// <c>kube-api-access-&lt;suffix&gt;</c> volume (kube-apiserver draws 5 random characters, see <see cref="GeneratedName"/>);
    /// <paramref name="now"/> stamps the SchedulingGated condition of a gated pod.</summary>
    public static V1Pod Apply(V1Pod pod, string tokenVolumeSuffix, DateTimeOffset? now = null) => Fill(DeepCopy.Of(pod), tokenVolumeSuffix, now);

    /// <summary><see cref="Apply"/>, on <paramref name="pod"/> itself.</summary>
    public static V1Pod Fill(V1Pod pod, string tokenVolumeSuffix, DateTimeOffset? now = null)
    {
        FillSchemeDefaults(pod);
        var spec = pod.Spec;
        AdmissionDefaults.ApplyServiceAccount(pod, tokenVolumeSuffix);
        AdmissionDefaults.ApplyDefaultTolerations(spec);
        // PrepareForCreate: the client's status is discarded.
        pod.Status = new V1PodStatus { Phase = "Pending", QosClass = PodQos.Compute(spec) };
        if (spec.SchedulingGates is { Count: > 0 })
            pod.Status.Conditions =
            [
                new V1PodCondition
                {
                    Type = "PodScheduled", Status = "False", Reason = "SchedulingGated",
                    Message = "Scheduling is blocked due to non-empty scheduling gates", LastTransitionTime = now?.UtcDateTime,
                },
            ];
        return pod;
    }

    /// <summary>Only the scheme defaults, which kube-apiserver applies to every decoded pod (also on update).</summary>
    public static V1Pod ApplySchemeDefaults(V1Pod pod) => FillSchemeDefaults(DeepCopy.Of(pod));

    /// <summary><see cref="ApplySchemeDefaults"/>, on <paramref name="pod"/> itself.</summary>
    public static V1Pod FillSchemeDefaults(V1Pod pod)
    {
        pod.Metadata ??= new V1ObjectMeta();
        var spec = pod.Spec ??= new V1PodSpec();
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
        return pod;
    }

    static List<V1Container> WithoutNulls(IList<V1Container>? containers) =>
        (containers ?? []).Select(c => c ?? new V1Container()).ToList();

    internal static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
