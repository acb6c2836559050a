using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Rules for regular and init containers (validateContainers, validateInitContainers, validateContainerCommon).</summary>
static class ContainerValidation
{
    const string InitOnlyWithAlways = "may not be set for init containers without restartPolicy=Always";
    static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    public static IEnumerable<FieldError> Containers(IList<V1Container>? containers, HashSet<string> volumes, FieldPath path)
    {
        if (containers is not { Count: > 0 }) return [FieldError.Required(path)];
        var errs = new List<FieldError>();
        var names = new HashSet<string>();
        foreach (var (container, i) in containers.Select((c, i) => (c ?? new V1Container(), i)))
        {
            var at = path.Index(i);
            errs.AddRange(Common(container, volumes, at));
            if (!names.Add(container.Name ?? "")) errs.Add(FieldError.Duplicate(at.Child("name"), container.Name ?? ""));
            errs.AddRange(HooksAndProbes(container, at));
            if (container.RestartPolicy is not null) errs.Add(FieldError.Forbidden(at.Child("restartPolicy"), "may not be set for non-init containers"));
        }
        errs.AddRange(PortValidation.UniqueHostPorts(containers.Select((c, i) => (c ?? new V1Container(), i)), path));
        return errs;
    }

    /// <summary>Init containers; their names must not collide with regular containers either. Sidecars (restartPolicy Always) may have probes.</summary>
    public static IEnumerable<FieldError> InitContainers(IList<V1Container>? containers, IList<V1Container>? regular, HashSet<string> volumes, FieldPath path)
    {
        var errs = new List<FieldError>();
        var names = (regular ?? []).Select(c => c?.Name ?? "").ToHashSet();
        foreach (var (container, i) in (containers ?? []).Select((c, i) => (c ?? new V1Container(), i)))
        {
            var at = path.Index(i);
            errs.AddRange(Common(container, volumes, at));
            if (container.RestartPolicy is not null && container.RestartPolicy != "Always")
                errs.Add(FieldError.NotSupported(at.Child("restartPolicy"), container.RestartPolicy, ["Always"]));
            var name = container.Name ?? "";
            if (names.Contains(name)) errs.Add(FieldError.Duplicate(at.Child("name"), name));
            else if (name.Length > 0) names.Add(name);
            // Init containers run one by one, so only ports within one of them can clash.
            errs.AddRange(PortValidation.UniqueHostPorts([(container, i)], path));
            if (container.RestartPolicy == "Always")
            {
                errs.AddRange(HooksAndProbes(container, at));
                continue;
            }
            if (container.Lifecycle is not null) errs.Add(FieldError.Forbidden(at.Child("lifecycle"), InitOnlyWithAlways));
            if (container.LivenessProbe is not null) errs.Add(FieldError.Forbidden(at.Child("livenessProbe"), InitOnlyWithAlways));
            if (container.ReadinessProbe is not null) errs.Add(FieldError.Forbidden(at.Child("readinessProbe"), InitOnlyWithAlways));
            if (container.StartupProbe is not null) errs.Add(FieldError.Forbidden(at.Child("startupProbe"), InitOnlyWithAlways));
        }
        return errs;
    }

    /// <summary>Pods only (not templates): an image with surrounding whitespace is refused.</summary>
    public static IEnumerable<FieldError> ImagesWithoutWhitespace(IList<V1Container>? containers, FieldPath path) =>
        (containers ?? []).Select((c, i) => (Image: c?.Image ?? "", i))
            .Where(x => x.Image.Length != x.Image.Trim().Length)
            .Select(x => FieldError.Invalid(path.Index(x.i).Child("image"), x.Image, "must not have leading or trailing whitespace"));

    // Allowed for regular containers and sidecars only.
    static IEnumerable<FieldError> HooksAndProbes(V1Container container, FieldPath at) =>
        ProbeValidation.Lifecycle(container.Lifecycle, at.Child("lifecycle"))
            .Concat(ProbeValidation.Liveness(container.LivenessProbe, at.Child("livenessProbe")))
            .Concat(ProbeValidation.Readiness(container.ReadinessProbe, at.Child("readinessProbe")))
            .Concat(ProbeValidation.Startup(container.StartupProbe, at.Child("startupProbe")));

    internal static IEnumerable<FieldError> Common(V1Container container, HashSet<string> volumes, FieldPath at)
    {
        var name = container.Name ?? "";
        if (name.Length == 0) yield return FieldError.Required(at.Child("name"));
        foreach (var m in name.Length > 0 ? NameFormats.IsDns1123Label(name) : []) yield return FieldError.Invalid(at.Child("name"), name, m);
        if (string.IsNullOrEmpty(container.Image)) yield return FieldError.Required(at.Child("image"));
        foreach (var e in PodSpecValidation.Enumerated(container.TerminationMessagePolicy, MessagePolicies, at.Child("terminationMessagePolicy"))) yield return e;
        foreach (var e in PortValidation.ContainerPorts(container.Ports, at.Child("ports"))) yield return e;
        foreach (var (env, i) in (container.Env ?? []).Select((e, i) => (e, i)))
            if (string.IsNullOrEmpty(env?.Name)) yield return FieldError.Required(at.Child("env").Index(i).Child("name"));
        foreach (var e in VolumeValidation.Mounts(container.VolumeMounts, volumes, at.Child("volumeMounts"))) yield return e;
        foreach (var e in PodSpecValidation.Enumerated(container.ImagePullPolicy, PullPolicies, at.Child("imagePullPolicy"))) yield return e;
        foreach (var e in ResourceValidation.Validate(container.Resources, at.Child("resources"))) yield return e;
    }
}
