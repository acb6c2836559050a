using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Admission;

/// <summary>
/// A pods/ephemeralcontainers write (ValidatePodEphemeralContainersUpdate and validateEphemeralContainers): each
/// ephemeral container is a valid container without ports, probes, lifecycle, resources or restart policy, named
/// apart from every other container, aimed at a container that exists; and existing ones are neither removed nor changed.
/// </summary>
public static class EphemeralContainerValidation
{
    const string NotForEphemeral = "cannot be set for an Ephemeral Container";
    static readonly FieldPath Path = FieldPath.Root("spec").Child("ephemeralContainers");

    public static ValidationResult ValidateUpdate(V1Pod? old, V1Pod? updated)
    {
        old ??= new V1Pod();
        updated ??= new V1Pod();
        var errs = new List<FieldError>(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        var spec = updated.Spec ?? new V1PodSpec();
        errs.AddRange(Containers(spec));
        var written = (spec.EphemeralContainers ?? []).Where(c => c is not null).GroupBy(c => c.Name ?? "").ToDictionary(g => g.Key, g => g.First());
        foreach (var existing in old.Spec?.EphemeralContainers ?? [])
        {
            if (existing is null) continue;
            if (!written.TryGetValue(existing.Name ?? "", out var now))
                errs.Add(FieldError.Forbidden(Path, $"existing ephemeral containers \"{existing.Name}\" may not be removed\n"));
            else if (k8s.KubernetesJson.Serialize(existing) != k8s.KubernetesJson.Serialize(now))
                errs.Add(FieldError.Forbidden(Path, $"existing ephemeral containers \"{existing.Name}\" may not be changed\n"));
        }
        return new ValidationResult(errs);
    }

    static IEnumerable<FieldError> Containers(V1PodSpec spec)
    {
        // A target is a container or an init container; a name must differ from theirs and from other ephemeral ones.
        var targets = (spec.Containers ?? []).Concat(spec.InitContainers ?? []).Select(c => c?.Name ?? "").ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(targets, StringComparer.Ordinal);
        var volumes = (spec.Volumes ?? []).Select(v => v?.Name ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var (ephemeral, i) in (spec.EphemeralContainers ?? []).Select((c, i) => (c ?? new V1EphemeralContainer(), i)))
        {
            var at = Path.Index(i);
            var container = EphemeralContainers.AsContainer(ephemeral);
            foreach (var e in ContainerValidation.Common(container, volumes, at)) yield return e;
            var name = ephemeral.Name ?? "";
            if (name.Length > 0 && !names.Add(name)) yield return FieldError.Duplicate(at.Child("name"), name);
            if (ephemeral.Ports is { Count: > 0 }) yield return FieldError.Forbidden(at.Child("ports"), NotForEphemeral);
            if (ephemeral.LivenessProbe is not null) yield return FieldError.Forbidden(at.Child("livenessProbe"), NotForEphemeral);
            if (ephemeral.ReadinessProbe is not null) yield return FieldError.Forbidden(at.Child("readinessProbe"), NotForEphemeral);
            if (ephemeral.StartupProbe is not null) yield return FieldError.Forbidden(at.Child("startupProbe"), NotForEphemeral);
            if (ephemeral.Lifecycle is not null) yield return FieldError.Forbidden(at.Child("lifecycle"), NotForEphemeral);
            if (ephemeral.Resources is { } r && (r.Limits is { Count: > 0 } || r.Requests is { Count: > 0 } || r.Claims is { Count: > 0 }))
                yield return FieldError.Forbidden(at.Child("resources"), NotForEphemeral);
            if (ephemeral.ResizePolicy is { Count: > 0 }) yield return FieldError.Forbidden(at.Child("resizePolicy"), NotForEphemeral);
            if (ephemeral.RestartPolicy is not null) yield return FieldError.Forbidden(at.Child("restartPolicy"), NotForEphemeral);
            if (!string.IsNullOrEmpty(ephemeral.TargetContainerName) && !targets.Contains(ephemeral.TargetContainerName))
                yield return FieldError.NotFound(at.Child("targetContainerName"), ephemeral.TargetContainerName);
        }
    }
}
