using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>Computes the `kubectl get events` columns as kube-apiserver's printEvent does.</summary>
/// <remarks>pkg/printers/internalversion/printers.go printEvent and formatEventSource. The server-side LAST SEEN
/// has no "(xN over T)"; that form is <see cref="EventInterval"/> (kubectl events, kubectl describe).</remarks>
public static class EventColumns
{
    public static EventRow From(Corev1Event e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        var firstSeen = KubeTime.ToInstant(e.FirstTimestamp) is null
            ? KubeTime.Since(e.EventTime, now)
            : KubeTime.Since(e.FirstTimestamp, now);
        var lastSeen = KubeTime.ToInstant(e.LastTimestamp) is null ? firstSeen : KubeTime.Since(e.LastTimestamp, now);
        long count = e.Count ?? 0;
        if (e.Series is { } series)
        {
            lastSeen = KubeTime.Since(series.LastObservedTime, now);
            count = series.Count ?? 0;
        }
        else if (count == 0)
        {
            // Singleton events of the events.k8s.io API carry no count.
            count = 1;
        }

        var involved = e.InvolvedObject;
        var kind = (involved?.Kind ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(involved?.Name) ? kind : $"{kind}/{involved.Name}";
        return new EventRow(
            LastSeen: lastSeen,
            Type: e.Type ?? "",
            Reason: e.Reason ?? "",
            Object: target,
            Subobject: involved?.FieldPath ?? "",
            Source: Source(e),
            Message: (e.Message ?? "").Trim(),
            FirstSeen: firstSeen,
            Count: count,
            Name: e.Metadata?.Name ?? "");
    }

    // "component, host", falling back to reportingController / reportingInstance when the legacy source is empty.
    static string Source(Corev1Event e)
    {
        var component = FirstNonEmpty(e.Source?.Component, e.ReportingComponent);
        var instance = FirstNonEmpty(e.Source?.Host, e.ReportingInstance);
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    static string FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : second ?? "";
}
