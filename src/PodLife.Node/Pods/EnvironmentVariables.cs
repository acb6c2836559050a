using System.Text;
using k8s.Models;

namespace PodLife.Node.Pods;

/// <summary>
/// A container's environment as kubelet makes it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): envFrom
/// ConfigMaps and Secrets first (with their prefix), then env in order, literal values expanded with $(VAR) over what
/// is defined before them, valueFrom read from ConfigMaps, Secrets and the pod's fields. A missing required source
/// is kubelet's error, which becomes the container's CreateContainerConfigError message. The service variables
/// (<see cref="ServiceEnvironment"/>) may be referred to by $(VAR) and follow the container's own, which win over them.
/// </summary>
public static class EnvironmentVariables
{
    /// <exception cref="ContainerConfigException">A referenced ConfigMap, Secret or key is missing and not optional.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(V1Container container, V1Pod pod, EnvSources sources, string? podIp, string hostIp,
        IReadOnlyList<KeyValuePair<string, string>>? serviceEnv = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(sources);
        var ns = pod.Namespace() ?? "default";
        var env = new List<KeyValuePair<string, string>>();
        void Set(string name, string value)
        {
            var at = env.FindIndex(e => e.Key == name);
            if (at >= 0) env[at] = new(name, value);
            else env.Add(new(name, value));
        }
        foreach (var from in container.EnvFrom ?? [])
        {
            var data = from.ConfigMapRef is { } cm ? ConfigMapData(sources, cm.Name, cm.Optional == true)
                : from.SecretRef is { } s ? SecretData(sources, s.Name, s.Optional == true) : null;
            foreach (var (key, value) in data ?? new Dictionary<string, string>()) Set((from.Prefix ?? "") + key, value);
        }
        foreach (var e in container.Env ?? [])
        {
            var value = e.ValueFrom switch
            {
                null => Expand(e.Value ?? "", env, serviceEnv),
                { ConfigMapKeyRef: { } r } => Key(ConfigMapData(sources, r.Name, r.Optional == true), r.Key, r.Optional == true, $"ConfigMap {ns}/{r.Name}"),
                { SecretKeyRef: { } r } => Key(SecretData(sources, r.Name, r.Optional == true), r.Key, r.Optional == true, $"Secret {ns}/{r.Name}"),
                { FieldRef: { } f } => PodField(f.FieldPath, pod, podIp, hostIp),
                _ => "",
            };
            if (value is not null) Set(e.Name, value);
        }
        foreach (var (name, value) in serviceEnv ?? [])
        {
            if (env.FindIndex(e => e.Key == name) < 0) env.Add(new(name, value));
        }
        return env;
    }

    // Null when an optional source or key is missing: the variable is then left out.
    static IReadOnlyDictionary<string, string>? ConfigMapData(EnvSources sources, string name, bool optional) =>
        sources.ConfigMaps.GetValueOrDefault(name) is { } cm ? new Dictionary<string, string>(cm.Data ?? new Dictionary<string, string>())
            : optional ? null : throw new ContainerConfigException($"configmap \"{name}\" not found");

    static IReadOnlyDictionary<string, string>? SecretData(EnvSources sources, string name, bool optional) =>
        sources.Secrets.GetValueOrDefault(name) is { } secret
            ? (secret.Data ?? new Dictionary<string, byte[]>()).Select(p => KeyValuePair.Create(p.Key, Encoding.UTF8.GetString(p.Value)))
                .Concat(secret.StringData ?? new Dictionary<string, string>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
            : optional ? null : throw new ContainerConfigException($"secret \"{name}\" not found");

    static string? Key(IReadOnlyDictionary<string, string>? data, string key, bool optional, string source) =>
        data is null ? null
            : data.TryGetValue(key, out var value) ? value
            : optional ? null : throw new ContainerConfigException($"couldn't find key {key} in {source}");

    // pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue and the downward API's field paths.
    internal static string PodField(string path, V1Pod pod, string? podIp, string hostIp) => path switch
    {
        "metadata.name" => pod.Name(),
        "metadata.namespace" => pod.Namespace() ?? "default",
        "metadata.uid" => pod.Uid() ?? "",
        "spec.nodeName" => pod.Spec.NodeName ?? "",
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
        "status.hostIP" or "status.hostIPs" => hostIp,
        "status.podIP" or "status.podIPs" => podIp ?? "",
        _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) => Subscript(pod.Labels(), path),
        _ when path.StartsWith("metadata.annotations['", StringComparison.Ordinal) => Subscript(pod.Annotations(), path),
        _ => "",
    };

    static string Subscript(IDictionary<string, string>? map, string path)
    {
        var key = path[(path.IndexOf("['", StringComparison.Ordinal) + 2)..^2];
        return map is not null && map.TryGetValue(key, out var value) ? value : "";
    }

    /// <summary>
    /// $(VAR) replaced by a variable defined before; $$ is a literal $; an unknown or unclosed reference stays as written
    /// (third_party/forked/golang/expansion/expand.go). <paramref name="fallback"/> (the service variables) answers a
    /// name <paramref name="defined"/> lacks.
    /// </summary>
    public static string Expand(string input, IReadOnlyList<KeyValuePair<string, string>> defined,
        IReadOnlyList<KeyValuePair<string, string>>? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.Contains('$', StringComparison.Ordinal)) return input;
        var text = new StringBuilder();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length) { text.Append(input[i]); continue; }
            var next = input[i + 1];
            if (next == '$') { text.Append('$'); i++; continue; }
            var close = next == '(' ? input.IndexOf(')', i + 2) : -1;
            if (close < 0) { text.Append('$'); continue; }
            var name = input[(i + 2)..close];
            var found = defined.LastOrDefault(e => e.Key == name);
            if (found.Key is null && fallback is not null) found = fallback.LastOrDefault(e => e.Key == name);
            text.Append(found.Key is null ? $"$({name})" : found.Value);
            i = close;
        }
        return text.ToString();
    }
}
