namespace PodLife.Core.Printing;

/// <summary>Reads Kubernetes timestamps from the wire models, where an unset time is null or Go's zero time.</summary>
public static class KubeTime
{
    /// <summary>The instant as UTC, or null when unset (null or 0001-01-01, Go's zero time).</summary>
    public static DateTimeOffset? ToInstant(DateTime? time)
    {
        if (time is not { } t || t == DateTime.MinValue) return null;
        // The client deserializes RFC3339 as UTC; an unspecified kind is taken as UTC too, never as local time.
        var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
        return new DateTimeOffset(utc);
    }

    /// <summary>kubectl's translateTimestampSince: HumanDuration of now - time, or "&lt;unknown&gt;" when unset.</summary>
    public static string Since(DateTime? time, DateTimeOffset now) =>
        ToInstant(time) is { } instant ? HumanDuration.Format(now - instant) : "<unknown>";
}
