using k8s.Models;

namespace PodLife.Node.Pods;

/// <summary>The ConfigMaps and Secrets a container's env refers to, by name; null for one the API does not have.</summary>
public sealed record EnvSources(IReadOnlyDictionary<string, V1ConfigMap?> ConfigMaps, IReadOnlyDictionary<string, V1Secret?> Secrets)
{
    public static readonly EnvSources None = new(new Dictionary<string, V1ConfigMap?>(), new Dictionary<string, V1Secret?>());

    /// <summary>The names of the ConfigMaps and Secrets <paramref name="container"/> refers to in env and envFrom.</summary>
    public static (IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets) Referenced(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var configMaps = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var from in container.EnvFrom ?? [])
        {
            if (from.ConfigMapRef?.Name is { } cm) configMaps.Add(cm);
            if (from.SecretRef?.Name is { } s) secrets.Add(s);
        }
        foreach (var e in container.Env ?? [])
        {
            if (e.ValueFrom?.ConfigMapKeyRef?.Name is { } cm) configMaps.Add(cm);
            if (e.ValueFrom?.SecretKeyRef?.Name is { } s) secrets.Add(s);
        }
        return (configMaps, secrets);
    }
}
