using k8s.Models;
using PodLife.Core.Printing;
using PodLife.Core.Stages;

namespace PodLife.Core.History;

/// <summary>The recording rules: how a pod write, a pod deletion and a pod's event change its timeline.</summary>
public static class TimelineRecording
{
    /// <summary>
    /// The timeline after a write of <paramref name="pod"/> (previously <paramref name="old"/>, null on create). A missing
    /// timeline, or one of an earlier pod with the same name (another uid), is started afresh.
    /// </summary>
    public static PodTimeline PodWritten(PodTimeline? timeline, V1Pod? old, V1Pod pod, DateTimeOffset now, int maxEntries = PodTimeline.DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = pod.Metadata?.Uid ?? "";
        if (timeline is null || timeline.PodUid != uid)
        {
            timeline = new PodTimeline(pod.Metadata?.NamespaceProperty ?? "", pod.Metadata?.Name ?? "", uid) { CreationTimestamp = now };
            old = null;
        }
        var found = PodTransitions.Between(old, pod, now);
        var entries = new List<TimelineEntry>(found.Count + 1);
        foreach (var e in found) entries.Add(StatusStamp.NotBeforeItsLane(timeline.Entries, e));
        PodTransitions.SortByTime(entries);
        var stage = Classify(pod);
        // kubectl's STATUS and RESTARTS columns, without formatting the row's other columns.
        var row = PodStatusSummary.Of(pod);
        var phase = PodTransitions.Phase(pod);
        var reason = row.Status == phase ? "" : row.Status;
        var since = timeline.Current?.Since ?? now;
        if (timeline.Current?.Stage != stage.Stage.ToString())
        {
            var entry = StatusStamp.NotBeforeItsLane(timeline.Entries, new TimelineEntry(Latest(entries, now),
                TimelineEntryKind.Stage, "", stage.Stage.ToString())
            {
                From = timeline.Current?.Stage,
                Reason = reason.Length == 0 ? null : reason,
                Message = stage.Reason,
            });
            since = entry.Time;
            entries.Add(entry);
        }
        // The parts that did not change are kept as they were: a cached timeline then holds no copies, and a write that
        // changes nothing the timeline shows leaves it as it is (the recorder then does not write it at all).
        var current = new TimelineCurrent(stage.Stage.ToString(), phase, reason, since, row.Restarts);
        if (current == timeline.Current) current = timeline.Current;
        var podLabels = pod.Metadata?.Labels;
        var labels = SameInOrder(timeline.Labels, podLabels) ? timeline.Labels
            : podLabels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(podLabels);
        if (entries.Count == 0 && ReferenceEquals(current, timeline.Current) && ReferenceEquals(labels, timeline.Labels)) return timeline;
        return timeline.Append(entries, maxEntries) with { Labels = labels, Current = current };
    }

    static DateTimeOffset Latest(List<TimelineEntry> entries, DateTimeOffset fallback)
    {
        if (entries.Count == 0) return fallback;
        var latest = entries[0].Time;
        foreach (var e in entries)
            if (e.Time > latest) latest = e.Time;
        return latest;
    }

    // Same keys and values in the same order: the wire form writes labels in their order.
    static bool SameInOrder(IReadOnlyDictionary<string, string> kept, IDictionary<string, string>? labels)
    {
        if (kept.Count != (labels?.Count ?? 0)) return false;
        if (labels is null) return true;
        using var a = kept.GetEnumerator();
        using var b = labels.GetEnumerator();
        while (a.MoveNext() && b.MoveNext())
            if (a.Current.Key != b.Current.Key || a.Current.Value != b.Current.Value) return false;
        return true;
    }

    /// <summary>The timeline once the pod is gone: stamped with the deletion time, its last stage Terminated.</summary>
    public static PodTimeline PodDeleted(PodTimeline timeline, DateTimeOffset now, int maxEntries = PodTimeline.DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.PodDeletedAt is not null) return timeline;
        var terminated = LifecycleStage.Terminated.ToString();
        var current = timeline.Current ?? new TimelineCurrent(terminated, "", "", now, 0);
        var deleted = timeline with { PodDeletedAt = now };
        if (current.Stage == terminated) return deleted;
        var entry = new TimelineEntry(now, TimelineEntryKind.Stage, "", terminated)
        {
            From = timeline.Current?.Stage, Reason = "Deleted", Message = "the pod was deleted",
        };
        return deleted.Append([entry], maxEntries) with { Current = current with { Stage = terminated, Reason = "Deleted", Since = now } };
    }

    static StageResult Classify(V1Pod pod)
    {
        try { return PodStage.Classify(pod); }
        catch (ArgumentException e) { return new StageResult(LifecycleStage.Error, e.Message); }
    }
}
