using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

/// <summary>The runtime config kubelet derives from a container spec (kuberuntime_container.go generateContainerConfig).</summary>
internal static class ContainerConfigs
{
    public static ContainerConfig For(V1Container c, int attempt, V1Pod pod, IReadOnlyList<KeyValuePair<string, string>> env) =>
        // $(VAR) in command and args is expanded over the container's environment (ExpandContainerCommandAndArgs).
        new(c.Name, attempt, c.Image, [.. (c.Command ?? []).Select(a => EnvironmentVariables.Expand(a, env))],
            [.. (c.Args ?? []).Select(a => EnvironmentVariables.Expand(a, env))])
        {
            Env = env,
            WorkingDir = c.WorkingDir,
            MemoryLimitBytes = c.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory)
                ? (long)memory.ToDecimal() : null,
            CpuLimitMillis = Millis(c.Resources?.Limits, "cpu"),
            CpuRequestMillis = Millis(c.Resources?.Requests, "cpu"),
            Stdin = c.Stdin == true,
            StdinOnce = c.StdinOnce == true,
            Tty = c.Tty == true,
            TerminationMessagePath = string.IsNullOrEmpty(c.TerminationMessagePath) ? "/dev/termination-log" : c.TerminationMessagePath,
            Labels = new Dictionary<string, string>
            {
                ["io.kubernetes.container.name"] = c.Name,
                ["io.kubernetes.pod.uid"] = pod.Uid(),
                ["io.kubernetes.pod.name"] = pod.Name(),
                ["io.kubernetes.pod.namespace"] = pod.Namespace() ?? "default",
            },
            Annotations = new Dictionary<string, string> { [HashAnnotation] = Hash(c) },
        };

    /// <summary>Where kubelet keeps the hash of the spec an instance was made from (containerChanged compares it).</summary>
    public const string HashAnnotation = "io.kubernetes.container.hash";

    /// <summary>
    /// The hash of what a pod update may change in a container: its image (the API refuses any other change to a
    /// container, and a resize changes resources in place without a restart). FNV-1a over the image's characters, in
    /// hex as kubelet writes its hash.
    /// </summary>
    public static string Hash(V1Container c) => Fnv(c.Image).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the running instance was made from another version of the container (kubelet's containerChanged).</summary>
    /// <remarks>Asked at every sync of every running container, so it allocates nothing.</remarks>
    public static bool Changed(V1Container c, ContainerStatus instance) =>
        instance.Config.Annotations.TryGetValue(HashAnnotation, out var made)
        && uint.TryParse(made, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var hash)
        && hash != Fnv(c.Image);

    static uint Fnv(string? text)
    {
        var hash = 2166136261u;
        foreach (var ch in text ?? "") hash = (hash ^ ch) * 16777619u;
        return hash;
    }

    static long? Millis(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var quantity) ? (long)Math.Ceiling(quantity.ToDecimal() * 1000) : null;
}
