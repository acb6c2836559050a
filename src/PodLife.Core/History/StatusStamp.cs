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

    /// <summary>
    /// <paramref name="entry"/>, moved later to the latest entry of its lane in <paramref name="recorded"/> when its
    /// time is a whole second and that entry lies within the same second. Such a stamp says only "within this
    /// second"; the write that brought it came after the lane's previous entry, so a lane's times never go back even
    /// when the write reached the server a second or more later (<see cref="Refine"/> cannot help then).
    /// </summary>
    public static TimelineEntry NotBeforeItsLane(IReadOnlyList<TimelineEntry> recorded, TimelineEntry entry)
    {
        if (entry.Time.Ticks % TimeSpan.TicksPerSecond != 0) return entry;
        for (var i = recorded.Count - 1; i >= 0; i--)
        {
            var last = recorded[i];
            if (last.Kind != entry.Kind || last.Name != entry.Name) continue;
            return last.Time > entry.Time && last.Time - entry.Time < TimeSpan.FromSeconds(1) ? entry with { Time = last.Time } : entry;
        }
        return entry;
    }
}
