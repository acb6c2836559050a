using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>What the explainer looks at: the pod, its events, its node (and all nodes while Pending), and the time.</summary>
public sealed record ExplainInput(V1Pod Pod, IReadOnlyList<Corev1Event> Events, V1Node? Node, IReadOnlyList<V1Node> Nodes, DateTimeOffset Now)
{
    public string Name => Pod.Metadata?.Name ?? "";
    public string Namespace => Pod.Metadata?.NamespaceProperty ?? "default";

    /// <summary>A kubectl command line for this pod, e.g. Kubectl("logs", "-c app --previous").</summary>
    public string Kubectl(string verb, string? tail = null) =>
        $"kubectl {verb} {Name} -n {Namespace}{(tail is null ? "" : " " + tail)}";

    /// <summary>The spec of a container or init container by name.</summary>
    public V1Container? Container(string name) =>
        (Pod.Spec?.Containers ?? []).Concat(Pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == name);

    /// <summary>The pod's events with one reason, newest last; for a container, only those about it (fieldPath).</summary>
    public IReadOnlyList<Corev1Event> EventsWith(string reason, string? container = null) =>
        Events.Where(e => e.Reason == reason && (container is null || AboutContainer(e, container)))
            .OrderBy(LastSeen).ToList();

    /// <summary>When an event was last seen: series.lastObservedTime, lastTimestamp, eventTime or firstTimestamp.</summary>
    public static DateTimeOffset LastSeen(Corev1Event e) =>
        KubeTime.ToInstant(e.Series?.LastObservedTime) ?? KubeTime.ToInstant(e.LastTimestamp)
        ?? KubeTime.ToInstant(e.EventTime) ?? KubeTime.ToInstant(e.FirstTimestamp) ?? DateTimeOffset.MinValue;

    /// <summary>How many times an event was seen (count, or the series count for events.k8s.io events).</summary>
    public static int Count(Corev1Event e) => Math.Max(1, e.Series?.Count ?? e.Count ?? 1);

    // kubelet's container events carry fieldPath spec.containers{name} or spec.initContainers{name}.
    static bool AboutContainer(Corev1Event e, string container) =>
        e.InvolvedObject?.FieldPath is { } path && path.EndsWith($"{{{container}}}", StringComparison.Ordinal);
}
