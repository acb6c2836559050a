using PodLife.Core.Explain;
using PodLife.Core.Stages;

namespace PodLife.Core.History;

/// <summary>Turns a recorded timeline into the stage history <c>podlife explain</c> reports durations from.</summary>
public static class TimelineHistory
{
    /// <summary>One transition per Stage entry, oldest first; unknown stage names are skipped.</summary>
    public static PodHistory ToPodHistory(PodTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var transitions = timeline.Entries
            .Where(e => e.Kind == TimelineEntryKind.Stage)
            .Select(e => Enum.TryParse<LifecycleStage>(e.To, out var stage)
                ? new PodTransition(e.Time, stage, e.Message ?? e.Reason ?? "")
                : null)
            .OfType<PodTransition>()
            .ToList();
        return new PodHistory(transitions);
    }
}
