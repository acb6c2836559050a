using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Pod volume names and sources, and container volume mounts (ValidateVolumes, ValidateVolumeMounts).</summary>
static class VolumeValidation
{
    // Every V1Volume property but the name is a volume source.
    static readonly PropertyInfo[] Sources = typeof(V1Volume).GetProperties().Where(p => p.Name != nameof(V1Volume.Name)).ToArray();

    /// <summary>Adds the volumes' errors to <paramref name="errs"/>; returns the names of the valid volumes.</summary>
    public static HashSet<string> Validate(IList<V1Volume>? volumes, FieldPath path, List<FieldError> errs)
    {
        var names = new HashSet<string>();
        foreach (var (volume, i) in (volumes ?? []).Select((v, i) => (v ?? new V1Volume(), i)))
        {
            var at = path.Index(i);
            var name = volume.Name ?? "";
            var volumeErrs = SourceErrors(volume, at).ToList();
            if (name.Length == 0) volumeErrs.Add(FieldError.Required(at.Child("name")));
            else volumeErrs.AddRange(NameFormats.IsDns1123Label(name).Select(m => FieldError.Invalid(at.Child("name"), name, m)));
            if (names.Contains(name)) volumeErrs.Add(FieldError.Duplicate(at.Child("name"), name));
            if (volumeErrs.Count == 0) names.Add(name);
            errs.AddRange(volumeErrs);
        }
        return names;
    }

    public static IEnumerable<FieldError> Mounts(IList<V1VolumeMount>? mounts, HashSet<string> volumes, FieldPath path)
    {
        var mountPoints = new HashSet<string>();
        foreach (var (mount, i) in (mounts ?? []).Select((m, i) => (m ?? new V1VolumeMount(), i)))
        {
            var at = path.Index(i);
            var name = mount.Name ?? "";
            var mountPath = mount.MountPath ?? "";
            if (name.Length == 0) yield return FieldError.Required(at.Child("name"));
            if (!volumes.Contains(name)) yield return FieldError.NotFound(at.Child("name"), name);
            if (mountPath.Length == 0) yield return FieldError.Required(at.Child("mountPath"));
            if (!mountPoints.Add(mountPath)) yield return FieldError.Invalid(at.Child("mountPath"), mountPath, "must be unique");
        }
    }

    static IEnumerable<FieldError> SourceErrors(V1Volume volume, FieldPath at)
    {
        var set = Sources.Where(p => p.GetValue(volume) is not null).ToList();
        if (set.Count == 0) yield return FieldError.Required(at, "must specify a volume type");
        foreach (var extra in set.Skip(1))
            yield return FieldError.Forbidden(at.Child(JsonName(extra)), "may not specify more than 1 volume type");
    }

    static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
}
