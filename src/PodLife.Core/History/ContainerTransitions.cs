using k8s.Models;

namespace PodLife.Core.History;

/// <summary>
/// The timeline entries for one kind of container status list between two versions of a pod: state changes with reason,
/// exit code and restart count, a termination the node reported only as lastState (a restart), and readiness changes.
/// </summary>
static class ContainerTransitions
{
    /// <summary>Appends the entries to <paramref name="into"/>, in the order of the new status list.</summary>
    /// <param name="fallback">The time of changes without a stamp of their own.</param>
    /// <param name="written">When the server saw the write, to refine whole-second stamps (<see cref="StatusStamp"/>).</param>
    public static void Between(string kind, IList<V1ContainerStatus>? old, IList<V1ContainerStatus>? now,
        DateTimeOffset fallback, DateTimeOffset written, List<TimelineEntry> into)
    {
        if (now is null) return;
        foreach (var s in now)
        {
            if (s?.Name is null) continue;
            Between(kind, Find(old, s.Name), s, fallback, written, into);
        }
    }

    // The first status of that name, as FirstOrDefault found it.
    static V1ContainerStatus? Find(IList<V1ContainerStatus>? statuses, string name)
    {
        if (statuses is null) return null;
        foreach (var o in statuses)
            if (o?.Name == name) return o;
        return null;
    }

    static void Between(string kind, V1ContainerStatus? before, V1ContainerStatus s, DateTimeOffset fallback, DateTimeOffset written,
        List<TimelineEntry> into)
    {
        // A restart the node folded into one write: the run that ended is only in lastState.
        var ended = s.LastState?.Terminated;
        if (ended is not null && s.RestartCount > (before?.RestartCount ?? 0)
            && !SameTermination(ended, before?.State?.Terminated) && !SameTermination(ended, before?.LastState?.Terminated))
            into.Add(Terminated(kind, s.Name, ended, before is null ? null : StateName(before.State), s.RestartCount - 1, fallback, written, null));

        var (state, reason, message) = Describe(s.State);
        var (oldState, oldReason, _) = Describe(before?.State);
        var changed = before is null || state != oldState || reason != oldReason || s.RestartCount != before.RestartCount
            || s.State?.Terminated?.ExitCode != before.State?.Terminated?.ExitCode;
        var readyChanged = before is not null && before.Ready != s.Ready;
        if (!changed && !readyChanged) return;

        if (s.State?.Terminated is { } t && changed)
        {
            into.Add(Terminated(kind, s.Name, t, before is null ? null : oldState, s.RestartCount, fallback, written, readyChanged ? s.Ready : null));
            return;
        }
        // A readiness change alone happens now, not when the container started.
        into.Add(new TimelineEntry(changed ? Time(s.State, fallback, written) : fallback, kind, s.Name, state)
        {
            From = before is null || !changed || oldState == state ? null : oldState,
            Reason = Blank(reason),
            Message = Blank(message),
            RestartCount = changed && state == "Running" || s.RestartCount != (before?.RestartCount ?? 0) ? s.RestartCount : null,
            Ready = readyChanged || state == "Running" && changed ? s.Ready : null,
        });
    }

    static TimelineEntry Terminated(string kind, string name, V1ContainerStateTerminated t, string? from, int restartCount, DateTimeOffset fallback,
        DateTimeOffset written, bool? ready) =>
        new(StatusStamp.Refine(t.FinishedAt, written) ?? fallback, kind, name, "Terminated")
        {
            From = from == "Terminated" ? null : from,
            Reason = Blank(t.Reason),
            Message = Blank(t.Message),
            ExitCode = t.ExitCode,
            Signal = t.Signal is null or 0 ? null : t.Signal,
            RestartCount = restartCount,
            Ready = ready,
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
