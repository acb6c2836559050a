// Test-only copy of PodTransitions and ContainerTransitions as they were before session 8 (LINQ and iterators).
using k8s.Models;
using PodLife.Core.History;

namespace PodLife.Core.Tests.History;

/// <summary>
/// What changed between two versions of a pod, as timeline entries: the phase, each condition's status, reason and
/// message, and each container's state, reason, exit code, restart count and readiness.
/// </summary>
static class ReferencePodTransitions
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
        var containers = ReferenceContainerTransitions.Between(TimelineEntryKind.InitContainer, old?.Status?.InitContainerStatuses, pod.Status?.InitContainerStatuses, anchor, now)
            .Concat(ReferenceContainerTransitions.Between(TimelineEntryKind.Container, old?.Status?.ContainerStatuses, pod.Status?.ContainerStatuses, anchor, now))
            .Concat(ReferenceContainerTransitions.Between(TimelineEntryKind.EphemeralContainer, old?.Status?.EphemeralContainerStatuses, pod.Status?.EphemeralContainerStatuses, anchor, now))
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

// The LINQ form the recorder used up to session 8, kept to prove the loop form gives the very same entries.



/// <summary>
/// The timeline entries for one kind of container status list between two versions of a pod: state changes with reason,
/// exit code and restart count, a termination the node reported only as lastState (a restart), and readiness changes.
/// </summary>
static class ReferenceContainerTransitions
{
    /// <param name="fallback">The time of changes without a stamp of their own.</param>
    /// <param name="written">When the server saw the write, to refine whole-second stamps (<see cref="StatusStamp"/>).</param>
    public static IEnumerable<TimelineEntry> Between(string kind, IList<V1ContainerStatus>? old, IList<V1ContainerStatus>? now,
        DateTimeOffset fallback, DateTimeOffset written)
    {
        foreach (var s in now ?? [])
        {
            if (s?.Name is null) continue;
            var before = old?.FirstOrDefault(o => o?.Name == s.Name);
            foreach (var entry in Between(kind, before, s, fallback, written)) yield return entry;
        }
    }

    static IEnumerable<TimelineEntry> Between(string kind, V1ContainerStatus? before, V1ContainerStatus s, DateTimeOffset fallback, DateTimeOffset written)
    {
        // A restart the node folded into one write: the run that ended is only in lastState.
        var ended = s.LastState?.Terminated;
        if (ended is not null && s.RestartCount > (before?.RestartCount ?? 0)
            && !SameTermination(ended, before?.State?.Terminated) && !SameTermination(ended, before?.LastState?.Terminated))
            yield return Terminated(kind, s.Name, ended, before is null ? null : StateName(before.State), s.RestartCount - 1, fallback, written);

        var (state, reason, message) = Describe(s.State);
        var (oldState, oldReason, _) = Describe(before?.State);
        var changed = before is null || state != oldState || reason != oldReason || s.RestartCount != before.RestartCount
            || s.State?.Terminated?.ExitCode != before.State?.Terminated?.ExitCode;
        var readyChanged = before is not null && before.Ready != s.Ready;
        if (!changed && !readyChanged) yield break;

        if (s.State?.Terminated is { } t && changed)
        {
            yield return Terminated(kind, s.Name, t, before is null ? null : oldState, s.RestartCount, fallback, written) with
            {
                Ready = readyChanged ? s.Ready : null,
            };
            yield break;
        }
        // A readiness change alone happens now, not when the container started.
        yield return new TimelineEntry(changed ? Time(s.State, fallback, written) : fallback, kind, s.Name, state)
        {
            From = before is null || !changed || oldState == state ? null : oldState,
            Reason = Blank(reason),
            Message = Blank(message),
            RestartCount = changed && state == "Running" || s.RestartCount != (before?.RestartCount ?? 0) ? s.RestartCount : null,
            Ready = readyChanged || state == "Running" && changed ? s.Ready : null,
        };
    }

    static TimelineEntry Terminated(string kind, string name, V1ContainerStateTerminated t, string? from, int restartCount, DateTimeOffset fallback,
        DateTimeOffset written) =>
        new(StatusStamp.Refine(t.FinishedAt, written) ?? fallback, kind, name, "Terminated")
        {
            From = from == "Terminated" ? null : from,
            Reason = Blank(t.Reason),
            Message = Blank(t.Message),
            ExitCode = t.ExitCode,
            Signal = t.Signal is null or 0 ? null : t.Signal,
            RestartCount = restartCount,
        };

    static bool SameTermination(V1ContainerStateTerminated a, V1ContainerStateTerminated? b) =>
        b is not null && a.ExitCode == b.ExitCode && a.FinishedAt == b.FinishedAt && a.StartedAt == b.StartedAt;

    static string StateName(V1ContainerState? state) => Describe(state).State;

    static (string State, string Reason, string Message) Describe(V1ContainerState? state) => state switch
    {
        { Terminated: { } t } => ("Terminated", t.Reason ?? "", t.Message ?? ""),
        { Running: not null } => ("Running", "", ""),
        { Waiting: { } w } => ("Waiting", w.Reason ?? "", w.Message ?? ""),
        _ => ("Waiting", "", ""),
    };

    // Running has startedAt, Terminated finishedAt; Waiting carries no time, so the write's time stands.
    static DateTimeOffset Time(V1ContainerState? state, DateTimeOffset fallback, DateTimeOffset written) => state switch
    {
        { Terminated: { } t } => StatusStamp.Refine(t.FinishedAt, written) ?? fallback,
        { Running: { } r } => StatusStamp.Refine(r.StartedAt, written) ?? fallback,
        _ => fallback,
    };

    static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
