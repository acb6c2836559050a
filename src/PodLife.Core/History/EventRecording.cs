using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.History;

/// <summary>How a pod's event enters its timeline: one entry per distinct event, its count raised when it repeats.</summary>
public static class EventRecording
{
    /// <summary>
    /// The timeline after <paramref name="ev"/> was written (previously <paramref name="old"/>, null on create), or
    /// <paramref name="timeline"/> itself when the event is about another pod with the same name.
    /// </summary>
    public static PodTimeline EventWritten(PodTimeline timeline, Corev1Event? old, Corev1Event ev, DateTimeOffset now, int maxEntries = PodTimeline.DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(ev);
        var about = ev.InvolvedObject?.Uid;
        if (!string.IsNullOrEmpty(about) && about != timeline.PodUid) return timeline;

        var count = Math.Max(1, ev.Count ?? 1);
        var added = old is null ? count : count - Math.Max(1, old.Count ?? 1);
        var reason = ev.Reason ?? "";
        var type = ev.Type ?? "Normal";
        var message = string.IsNullOrEmpty(ev.Message) ? null : ev.Message;
        var at = Placed(Time(ev), now);
        var index = LastIndex(timeline.Entries, e => e.Kind == TimelineEntryKind.Event && e.Name == reason && e.To == type && e.Message == message);
        if (index < 0)
            return timeline.Append([new TimelineEntry(at, TimelineEntryKind.Event, reason, type) { Message = message, Count = count }], maxEntries);
        if (added <= 0) return timeline;

        var entries = timeline.Entries.ToList();
        var seen = entries[index];
        entries[index] = seen with { Count = (seen.Count ?? 1) + added, LastTime = at };
        return timeline with { Entries = entries };
    }

    // A core/v1 event's lastTimestamp holds whole seconds (a metav1.Time), where the pod's own entries hold microseconds:
    // received within its second, the event is placed at its arrival, which is in that second too and after what led to
    // it (else the image pull of a pod scheduled at 12:00:00.6 read 12:00:00.0, before the pod was even Pending).
    static DateTimeOffset Placed(DateTimeOffset? time, DateTimeOffset now) =>
        time is not { } at ? now
        : at.Ticks % TimeSpan.TicksPerSecond == 0 && now >= at && now - at < TimeSpan.FromSeconds(1) ? now
        : at;

    // lastTimestamp for core/v1 events; eventTime (and the series' last observation) for events.k8s.io writers.
    static DateTimeOffset? Time(Corev1Event ev) =>
        KubeTime.ToInstant(ev.LastTimestamp) ?? KubeTime.ToInstant(ev.Series?.LastObservedTime) ?? KubeTime.ToInstant(ev.EventTime)
        ?? KubeTime.ToInstant(ev.FirstTimestamp);

    static int LastIndex(IReadOnlyList<TimelineEntry> entries, Func<TimelineEntry, bool> match)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
            if (match(entries[i])) return i;
        return -1;
    }
}
