using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>The age of an event as `kubectl events` and `kubectl describe` print it: "5s" or "5s (x3 over 2m)".</summary>
/// <remarks>kubectl pkg/cmd/events printOneEvent and pkg/describe DescribeEvents: first seen is eventTime, else
/// firstTimestamp; a series shows its lastObservedTime and count, a repeated legacy event its lastTimestamp and count.</remarks>
public static class EventInterval
{
    public static string Format(Corev1Event e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        var firstSeen = KubeTime.ToInstant(e.EventTime) is null
            ? KubeTime.Since(e.FirstTimestamp, now)
            : KubeTime.Since(e.EventTime, now);
        if (e.Series is { } series)
            return $"{KubeTime.Since(series.LastObservedTime, now)} (x{series.Count ?? 0} over {firstSeen})";
        if (e.Count > 1)
            return $"{KubeTime.Since(e.LastTimestamp, now)} (x{e.Count} over {firstSeen})";
        return firstSeen;
    }
}
