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
        var stamped = Conditions(old?.Status?.Conditions, pod.Status?.Conditions, now).ToList();
        var anchor = stamped.Count == 0 ? now : stamped.Max(e => e.Time);
        var containers = ContainerTransitions.Between(TimelineEntryKind.InitContainer, old?.Status?.InitContainerStatuses, pod.Status?.InitContainerStatuses, anchor, now)
            .Concat(ContainerTransitions.Between(TimelineEntryKind.Container, old?.Status?.ContainerStatuses, pod.Status?.ContainerStatuses, anchor, now))
            .Concat(ContainerTransitions.Between(TimelineEntryKind.EphemeralContainer, old?.Status?.EphemeralContainerStatuses, pod.Status?.EphemeralContainerStatuses, anchor, now))
            .ToList();
        var entries = new List<TimelineEntry>();
        var oldPhase = Phase(old);
        var phase = Phase(pod);
        if (old is null || oldPhase != phase)
        {
            var at = containers.Count == 0 ? anchor : containers.Max(e => e.Time);
            entries.Add(new TimelineEntry(old is null ? now : at, TimelineEntryKind.Phase, "", phase) { From = old is null ? null : oldPhase });
        }
        entries.AddRange(stamped);
        entries.AddRange(containers);
        // Stable: within one moment the order stays phase, conditions, init containers, containers.
        return [.. entries.OrderBy(e => e.Time)];
    }

    /// <summary>The phase, Pending when unset (as the API server defaults it).</summary>
    public static string Phase(V1Pod? pod) => string.IsNullOrEmpty(pod?.Status?.Phase) ? "Pending" : pod.Status.Phase;

    static IEnumerable<TimelineEntry> Conditions(IList<V1PodCondition>? old, IList<V1PodCondition>? now, DateTimeOffset fallback)
    {
        foreach (var c in now ?? [])
        {
            if (c?.Type is null) continue;
            var before = old?.FirstOrDefault(o => o?.Type == c.Type);
            if (before is not null && before.Status == c.Status && before.Reason == c.Reason && before.Message == c.Message) continue;
            // lastTransitionTime moves only when the status does; a new reason or message alone happens now.
            var moved = before is null || before.Status != c.Status;
            yield return new TimelineEntry(moved ? StatusStamp.Refine(c.LastTransitionTime, fallback) ?? fallback : fallback,
                TimelineEntryKind.Condition, c.Type, c.Status ?? "")
            {
                From = before is null || before.Status == c.Status ? null : before.Status,
                Reason = string.IsNullOrEmpty(c.Reason) ? null : c.Reason,
                Message = string.IsNullOrEmpty(c.Message) ? null : c.Message,
            };
        }
    }
}
