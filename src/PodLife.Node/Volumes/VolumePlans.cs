using System.Text;
using k8s.Models;
using PodLife.Node.Pods;

namespace PodLife.Node.Volumes;

/// <summary>
/// What each volume of a pod holds, from the pod and the ConfigMaps and Secrets it names (kubelet's emptyDir,
/// configMap, secret, downwardAPI, projected and hostPath plugins). Pure: the caller reads the API and writes the disk.
/// </summary>
public static class VolumePlans
{
    const int DefaultMode = 420; // 0644, the API default of defaultMode

    // Without a root CA publisher or TokenRequest, PodLife cannot fill these parts of the service account volume; kubelet
    // would wait for them forever, so they are left out instead.
    const string RootCaConfigMap = "kube-root-ca.crt";

    /// <summary>
    /// The service account volume the API server adds to every pod (kube-api-access-*: token, root CA, namespace).
    /// </summary>
    public static bool IsServiceAccountVolume(V1Volume volume) =>
        volume?.Projected is not null && volume.Name?.StartsWith("kube-api-access-", StringComparison.Ordinal) == true;

    /// <summary>The names of the ConfigMaps and Secrets the pod's volumes refer to.</summary>
    public static (IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets) Referenced(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Referenced(pod.Spec.Volumes ?? []);
    }

    /// <summary>The names of the ConfigMaps and Secrets <paramref name="volumes"/> refer to.</summary>
    public static (IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets) Referenced(IEnumerable<V1Volume> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var configMaps = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in volumes)
        {
            if (v.ConfigMap?.Name is { } cm) configMaps.Add(cm);
            if (v.Secret?.SecretName is { } s) secrets.Add(s);
            foreach (var p in v.Projected?.Sources ?? [])
            {
                if (p.ConfigMap?.Name is { } pcm) configMaps.Add(pcm);
                if (p.Secret?.Name is { } ps) secrets.Add(ps);
            }
        }
        return (configMaps, secrets);
    }

    /// <summary>Each supported volume of the pod, in spec order (volume kinds PodLife does not implement are left out).</summary>
    /// <exception cref="VolumeSetupException">A ConfigMap, Secret or key the pod needs is missing.</exception>
    public static IReadOnlyList<VolumeSetup> For(V1Pod pod, EnvSources sources, string? podIp, string hostIp) =>
        For(pod, pod?.Spec?.Volumes ?? [], sources, podIp, hostIp);

    /// <summary>Each supported volume of <paramref name="volumes"/> (some of <paramref name="pod"/>'s), in their order.</summary>
    /// <exception cref="VolumeSetupException">A ConfigMap, Secret or key the pod needs is missing.</exception>
    public static IReadOnlyList<VolumeSetup> For(V1Pod pod, IEnumerable<V1Volume> volumes, EnvSources sources, string? podIp, string hostIp)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(sources);
        var plans = new List<VolumeSetup>();
        foreach (var v in volumes)
        {
            VolumeSetup? plan =
                v.EmptyDir is { } e ? new(v.Name, "kubernetes.io~empty-dir", e.Medium == "Memory", null)
                : v.HostPath is { } h ? new(v.Name, "", false, null, h.Path)
                : v.ConfigMap is { } cm ? new(v.Name, "kubernetes.io~configmap", false,
                    ConfigMapFiles(v.Name, cm.Name, cm.Items, cm.Optional == true, cm.DefaultMode ?? DefaultMode, sources))
                : v.Secret is { } s ? new(v.Name, "kubernetes.io~secret", true,
                    SecretFiles(v.Name, s.SecretName, s.Items, s.Optional == true, s.DefaultMode ?? DefaultMode, sources))
                : v.DownwardAPI is { } d ? new(v.Name, "kubernetes.io~downward-api", false,
                    DownwardFiles(d.Items, d.DefaultMode ?? DefaultMode, pod, podIp, hostIp))
                : v.Projected is { } p ? new(v.Name, "kubernetes.io~projected", true, ProjectedFiles(v.Name, p, pod, sources, podIp, hostIp))
                : null;
            if (plan is not null) plans.Add(plan);
        }
        return plans;
    }

    static List<VolumeFile> ConfigMapFiles(string volume, string name, IList<V1KeyToPath>? items, bool optional, int mode, EnvSources sources)
    {
        if (sources.ConfigMaps.GetValueOrDefault(name) is not { } cm)
            return optional ? [] : throw new VolumeSetupException(volume, $"configmap \"{name}\" not found");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (k, v) in cm.Data ?? new Dictionary<string, string>()) data[k] = Encoding.UTF8.GetBytes(v);
        foreach (var (k, v) in cm.BinaryData ?? new Dictionary<string, byte[]>()) data[k] = v;
        return Files(volume, data, items, optional, mode, "configmap references non-existent config key");
    }

    static List<VolumeFile> SecretFiles(string volume, string name, IList<V1KeyToPath>? items, bool optional, int mode, EnvSources sources)
    {
        if (sources.Secrets.GetValueOrDefault(name) is not { } s)
            return optional ? [] : throw new VolumeSetupException(volume, $"secret \"{name}\" not found");
        return Files(volume, new Dictionary<string, byte[]>(s.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal),
            items, optional, mode, "secret references non-existent secret key");
    }

    // Every key as a file of its own name, or only the listed items at their paths (kubelet's MakePayload).
    static List<VolumeFile> Files(string volume, IDictionary<string, byte[]> data, IList<V1KeyToPath>? items, bool optional, int mode, string missingKey)
    {
        if (items is not { Count: > 0 }) return [.. data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new VolumeFile(d.Key, d.Value, mode))];
        var files = new List<VolumeFile>();
        foreach (var item in items)
        {
            if (data.TryGetValue(item.Key, out var content)) files.Add(new VolumeFile(item.Path, content, item.Mode ?? mode));
            else if (!optional) throw new VolumeSetupException(volume, $"{missingKey}: {item.Key}");
        }
        return files;
    }

    static List<VolumeFile> DownwardFiles(IList<V1DownwardAPIVolumeFile>? items, int mode, V1Pod pod, string? podIp, string hostIp) =>
        [.. (items ?? []).Where(i => i.FieldRef is not null)
            .Select(i => new VolumeFile(i.Path, Encoding.UTF8.GetBytes(DownwardValue(i.FieldRef.FieldPath, pod, podIp, hostIp)), i.Mode ?? mode))];

    // Whole label and annotation maps are one key="value" line each, sorted (fieldpath.FormatMap).
    static string DownwardValue(string path, V1Pod pod, string? podIp, string hostIp) => path switch
    {
        "metadata.labels" => FormatMap(pod.Labels()),
        "metadata.annotations" => FormatMap(pod.Annotations()),
        _ => EnvironmentVariables.PodField(path, pod, podIp, hostIp),
    };

    static string FormatMap(IDictionary<string, string>? map) =>
        string.Join("\n", (map ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\""));

    static List<VolumeFile> ProjectedFiles(string volume, V1ProjectedVolumeSource projected, V1Pod pod, EnvSources sources, string? podIp, string hostIp)
    {
        var mode = projected.DefaultMode ?? DefaultMode;
        var files = new List<VolumeFile>();
        foreach (var source in projected.Sources ?? [])
        {
            if (source.ConfigMap is { } cm)
            {
                var optional = cm.Optional == true || cm.Name == RootCaConfigMap;
                files.AddRange(ConfigMapFiles(volume, cm.Name, cm.Items, optional, mode, sources));
            }
            if (source.Secret is { } s) files.AddRange(SecretFiles(volume, s.Name, s.Items, s.Optional == true, mode, sources));
            if (source.DownwardAPI is { } d) files.AddRange(DownwardFiles(d.Items, mode, pod, podIp, hostIp));
        }
        return files;
    }
}
