using PodLife.Core.Printing;

namespace PodLife.Core.History;

/// <summary>
/// Status timestamps (lastTransitionTime, startedAt, finishedAt) are metav1.Time, which carries whole seconds. A stamp
/// in the same second as the write that brought it is refined to the write's own time, so a timeline keeps the order
/// of things within a second (a pod created at .400 is not scheduled "before" it at .000); an older stamp, from a node
/// that reported late, stands as it is.
/// </summary>
public static class StatusStamp
{
    public static DateTimeOffset? Refine(DateTime? stamp, DateTimeOffset written)
    {
        if (KubeTime.ToInstant(stamp) is not { } at) return null;
        var wholeSecond = at.Ticks % TimeSpan.TicksPerSecond == 0;
        return wholeSecond && written >= at && written - at < TimeSpan.FromSeconds(1) ? written : at;
    }
}
