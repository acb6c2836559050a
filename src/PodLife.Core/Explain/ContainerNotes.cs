using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Lists every container of a pod in spec order (init containers first) with its status in plain words.</summary>
internal static class ContainerNotes
{
    /// <summary>Each container's kind, spec and status (null before kubelet has reported one).</summary>
    public static IReadOnlyList<(string Kind, V1Container Spec, V1ContainerStatus? Status)> Of(V1Pod pod)
    {
        var inits = (pod.Spec?.InitContainers ?? []).Select(c =>
            (RestartPolicies.IsSidecar(c) ? "sidecar container" : "init container", c, Find(pod.Status?.InitContainerStatuses, c.Name)));
        var regular = (pod.Spec?.Containers ?? []).Select(c => ("container", c, Find(pod.Status?.ContainerStatuses, c.Name)));
        return inits.Concat(regular).ToList();
    }

    /// <param name="podEnded">The pod has Succeeded or Failed: a container without a status then never started (its node refused the pod).</param>
    public static ContainerExplanation Explain(string kind, V1Container spec, V1ContainerStatus? status, bool podEnded = false)
    {
        var image = spec.Image ?? status?.Image ?? "";
        var last = status?.LastState?.Terminated is { } t
            ? new ContainerExit(t.Reason, t.ExitCode, Blank(t.Message), KubeTime.ToInstant(t.StartedAt), KubeTime.ToInstant(t.FinishedAt))
            : null;
        return status?.State switch
        {
            { Running: { } r } => new(kind, spec.Name, image, "running", null, null, null, KubeTime.ToInstant(r.StartedAt), status.Ready, status.RestartCount, last),
            { Terminated: { } e } => new(kind, spec.Name, image, "terminated", e.Reason, Blank(e.Message), e.ExitCode, KubeTime.ToInstant(e.FinishedAt), status.Ready, status.RestartCount, last),
            { Waiting: { } w } => new(kind, spec.Name, image, "waiting", w.Reason, Blank(w.Message), null, null, status.Ready, status.RestartCount, last),
            _ => new(kind, spec.Name, image, podEnded ? "never started" : "no status yet", null, null, null, null, false, status?.RestartCount ?? 0, last),
        };
    }

    static V1ContainerStatus? Find(IList<V1ContainerStatus>? statuses, string name) => statuses?.FirstOrDefault(s => s?.Name == name);

    static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s.TrimEnd('\n');
}
