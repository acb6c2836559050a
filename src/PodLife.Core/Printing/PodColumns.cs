using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>Computes the `kubectl get pods` columns of a pod exactly as kube-apiserver's printPod does.</summary>
/// <remarks>pkg/printers/internalversion/printers.go printPod; a missing status or spec prints as empty, never throws.</remarks>
public static class PodColumns
{
    const string None = "<none>";

    public static PodRow From(V1Pod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var status = pod.Status;
        var summary = PodStatusSummary.Of(pod);
        var restarts = summary.Restarts != 0 && summary.LastRestart is { } last
            ? $"{summary.Restarts} ({HumanDuration.Format(now - last)} ago)"
            : summary.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        return new PodRow(
            Name: pod.Metadata?.Name ?? "",
            Ready: $"{summary.ReadyContainers}/{summary.TotalContainers}",
            Status: summary.Status,
            Restarts: restarts,
            Age: KubeTime.Since(pod.Metadata?.CreationTimestamp, now),
            Ip: OrNone(FirstPodIp(status)),
            Node: OrNone(pod.Spec?.NodeName),
            NominatedNode: OrNone(status?.NominatedNodeName),
            ReadinessGates: ReadinessGates(pod))
        {
            RestartCount = summary.Restarts,
            Conditions = status?.Phase switch
            {
                "Succeeded" => [TableRowCondition.PodSucceeded],
                "Failed" => [TableRowCondition.PodFailed],
                _ => [],
            },
        };
    }

    static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    // The server prints the internal object, whose podIPs conversion falls back to the legacy podIP field.
    static string? FirstPodIp(V1PodStatus? status) =>
        status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip : status?.PodIP;

    // "<true>/<gates>": a gate counts when the first condition of its type is True.
    static string ReadinessGates(V1Pod pod)
    {
        var gates = pod.Spec?.ReadinessGates;
        if (gates is null || gates.Count == 0) return None;
        var conditions = pod.Status?.Conditions ?? [];
        var trueGates = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.Type == gate.ConditionType)?.Status == "True");
        return $"{trueGates}/{gates.Count}";
    }
}
