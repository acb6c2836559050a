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
        };

    static long? Millis(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var quantity) ? (long)Math.Ceiling(quantity.ToDecimal() * 1000) : null;
}
