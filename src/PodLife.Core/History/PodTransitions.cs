using k8s.Models;

namespace PodLife.Core.History;

/// <summary>
/// What changed between two versions of a pod, as timeline entries: the phase, each condition's status, reason and
/// message, and each container's state, reason, exit code, restart count and readiness.
/// </summary>
public static class PodTransitions
{
    /// <summary>
    /// The entries from <paramref name="old"/> (null: the pod is new) to <paramref name="pod"/>, in time order.
    /// Changes without a status timestamp of their own (phase, waiting states) take the latest node timestamp of the
    /// same write, else <paramref name="now"/>, so one write reads as one moment.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Between(V1Pod? old, V1Pod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        // Plain loops into one list: this runs on every pod write, and the iterators, closures and sorts it was written
        // with first were most of what the recorder allocated per write after the pods themselves.
        var entries = new List<TimelineEntry>(8);
        Conditions(old?.Status?.Conditions, pod.Status?.Conditions, now, entries);
        var anchor = Latest(entries, 0, now);
        var stampedEnd = entries.Count;
        ContainerTransitions.Between(TimelineEntryKind.InitContainer, old?.Status?.InitContainerStatuses, pod.Status?.InitContainerStatuses, anchor, now, entries);
        ContainerTransitions.Between(TimelineEntryKind.Container, old?.Status?.ContainerStatuses, pod.Status?.ContainerStatuses, anchor, now, entries);
        ContainerTransitions.Between(TimelineEntryKind.EphemeralContainer, old?.Status?.EphemeralContainerStatuses, pod.Status?.EphemeralContainerStatuses, anchor, now, entries);
        var oldPhase = Phase(old);
        var phase = Phase(pod);
        if (old is null || oldPhase != phase)
        {
            var at = Latest(entries, stampedEnd, anchor);
            entries.Insert(0, new TimelineEntry(old is null ? now : at, TimelineEntryKind.Phase, "", phase) { From = old is null ? null : oldPhase });
        }
        // Stable: within one moment the order stays phase, conditions, init containers, containers.
        SortByTime(entries);
        return entries;
    }

    /// <summary>Sorts by time keeping the order of equal times (a few entries: an insertion sort, with no allocation).</summary>
    internal static void SortByTime(List<TimelineEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            var e = entries[i];
            var j = i - 1;
            while (j >= 0 && entries[j].Time > e.Time)
            {
                entries[j + 1] = entries[j];
                j--;
            }
            entries[j + 1] = e;
        }
    }

    // The latest time of entries[from..], or the fallback when there are none.
    static DateTimeOffset Latest(List<TimelineEntry> entries, int from, DateTimeOffset fallback)
    {
        if (entries.Count <= from) return fallback;
        var latest = entries[from].Time;
        for (var i = from + 1; i < entries.Count; i++)
            if (entries[i].Time > latest) latest = entries[i].Time;
        return latest;
    }

    /// <summary>The phase, Pending when unset (as the API server defaults it).</summary>
    public static string Phase(V1Pod? pod) => string.IsNullOrEmpty(pod?.Status?.Phase) ? "Pending" : pod.Status.Phase;

    static void Conditions(IList<V1PodCondition>? old, IList<V1PodCondition>? now, DateTimeOffset fallback, List<TimelineEntry> into)
    {
        if (now is null) return;
        foreach (var c in now)
        {
            if (c?.Type is null) continue;
            var before = Find(old, c.Type);
            if (before is not null && before.Status == c.Status && before.Reason == c.Reason && before.Message == c.Message) continue;
            // lastTransitionTime moves only when the status does; a new reason or message alone happens now.
            var moved = before is null || before.Status != c.Status;
            into.Add(new TimelineEntry(moved ? StatusStamp.Refine(c.LastTransitionTime, fallback) ?? fallback : fallback,
                TimelineEntryKind.Condition, c.Type, c.Status ?? "")
            {
                From = before is null || before.Status == c.Status ? null : before.Status,
                Reason = string.IsNullOrEmpty(c.Reason) ? null : c.Reason,
                Message = string.IsNullOrEmpty(c.Message) ? null : c.Message,
            });
        }
    }

    // The first condition of that type, as FirstOrDefault found it.
    static V1PodCondition? Find(IList<V1PodCondition>? conditions, string type)
    {
        if (conditions is null) return null;
        foreach (var o in conditions)
            if (o?.Type == type) return o;
        return null;
    }
}
