using System.Globalization;
using System.Text;
using PodLife.Core.Printing;

namespace PodLife.Core.History;

/// <summary>
/// Renders a pod timeline as a terminal waterfall: one bar per lifecycle stage and one lane per container on a shared
/// time axis, with durations, then every recorded change and event in order. ANSI colours only when asked (a terminal).
/// </summary>
public static class TimelineText
{
    const int Width = 48;

    public static string Render(PodTimeline t, DateTimeOffset now, bool colour = false)
    {
        ArgumentNullException.ThrowIfNull(t);
        var paint = new TimelinePaint(colour);
        var start = t.Entries.Count > 0 ? t.Entries.Min(e => e.Time) : t.CreationTimestamp;
        var end = new[] { t.PodDeletedAt ?? now, t.Entries.Count > 0 ? t.Entries.Max(e => e.Time) : start }.Max();
        var axis = new TimelineAxis(start, end, Width);
        var text = new StringBuilder();
        var c = t.Current;
        text.Append(CultureInfo.InvariantCulture, $"Pod {t.Namespace}/{t.Name}");
        if (c is not null)
            text.Append(CultureInfo.InvariantCulture, $"  stage {paint.Stage(c.Stage)} for {Duration(end - c.Since)}  phase {c.Phase}{(c.Reason.Length > 0 ? $" ({c.Reason})" : "")}  restarts {c.Restarts}");
        text.AppendLine();
        if (t.PodDeletedAt is { } gone) text.AppendLine(CultureInfo.InvariantCulture, $"Deleted at {MicroTime.ToText(gone)}; history kept until the retention expires");
        if (t.DroppedEntries > 0) text.AppendLine(CultureInfo.InvariantCulture, $"({t.DroppedEntries} oldest entries dropped to keep the history bounded)");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"",-20}{Duration(TimeSpan.Zero)}{Duration(end - start),Width - 1}  (from {MicroTime.ToText(start)})");

        var stages = Segments(t.Entries.Where(e => e.Kind == TimelineEntryKind.Stage), end).ToList();
        if (stages.Count > 0) text.AppendLine(paint.Bold("Stages"));
        foreach (var s in stages)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {s.Entry.To,-18}{paint.Stage(s.Entry.To, axis.Bar(s.From, s.To, '█'))} {Duration(s.To - s.From)}");

        var lanes = t.Entries.Where(e => TimelineEntryKind.IsContainer(e.Kind)).GroupBy(e => (e.Kind, e.Name)).ToList();
        if (lanes.Count > 0) text.AppendLine(paint.Bold("Containers"));
        foreach (var lane in lanes)
        {
            var segments = Segments(lane, end).ToList();
            var bar = segments.Aggregate(axis.Empty(), (b, s) => axis.Fill(b, s.From, s.To, s.Entry.To switch { "Running" => '█', "Terminated" => '▒', _ => '░' }));
            var name = lane.Key.Kind == TimelineEntryKind.Container ? lane.Key.Name : $"{lane.Key.Name} (init)";
            if (lane.Key.Kind == TimelineEntryKind.EphemeralContainer) name = $"{lane.Key.Name} (debug)";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-18}{axis.Frame(bar)} {Summary(segments)}");
        }

        text.AppendLine(paint.Bold("History"));
        // In time order: an event is recorded when its own write arrives, often after the status it tells of.
        foreach (var e in t.Entries.OrderBy(e => e.Time))
            // A kind longer than the column (EphemeralContainer) still keeps a space before what it describes.
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"+" + Duration(e.Time - start),-10}{e.Kind,-13} {Describe(e, paint)}");
        return text.ToString();
    }

    /// <summary>Each entry with the time it lasted: until the next entry of the same sequence, the last until <paramref name="end"/>.</summary>
    static IEnumerable<(TimelineEntry Entry, DateTimeOffset From, DateTimeOffset To)> Segments(IEnumerable<TimelineEntry> entries, DateTimeOffset end)
    {
        var list = entries.ToList();
        for (var i = 0; i < list.Count; i++)
            yield return (list[i], list[i].Time, i + 1 < list.Count ? list[i + 1].Time : end);
    }

    // "Waiting 3s, Running 2m": the last four stretches, with the restarts before them counted.
    static string Summary(List<(TimelineEntry Entry, DateTimeOffset From, DateTimeOffset To)> segments)
    {
        var last = segments[^1].Entry;
        var parts = segments.TakeLast(4).Select(s => $"{s.Entry.To}{(s.Entry.Reason is { } r ? $" ({r})" : "")} {Duration(s.To - s.From)}");
        var restarts = segments.Select(s => s.Entry.RestartCount ?? 0).Max();
        return string.Join(", ", parts) + (restarts > 0 ? (restarts == 1 ? "; 1 restart" : $"; {restarts} restarts") : "") + (last.Ready == true ? "; ready" : "");
    }

    static string Describe(TimelineEntry e, TimelinePaint paint) => e.Kind switch
    {
        TimelineEntryKind.Phase => e.From is null ? e.To : $"{e.From} -> {e.To}",
        TimelineEntryKind.Condition => $"{e.Name}={e.To}{Detail(e.Reason, e.Message)}",
        TimelineEntryKind.Stage => $"{paint.Stage(e.To)}{Detail(e.Reason, e.Message)}",
        TimelineEntryKind.Event => $"{paint.Event(e.To)} {e.Name}{(e.Message is { } m ? $": {m}" : "")}{(e.Count > 1 ? $" (x{e.Count})" : "")}",
        _ => $"{e.Name}: {e.To}{(e.Reason is { } r ? $" ({r})" : "")}{(e.ExitCode is { } x ? $" exit code {x}" : "")}"
            + $"{(e.RestartCount is { } n ? $" restarts {n}" : "")}{(e.Ready is { } ready ? ready ? " ready" : " not ready" : "")}{(e.Message is { } msg ? $": {msg}" : "")}",
    };

    static string Detail(string? reason, string? message) =>
        (reason, message) switch { (null, null) => "", (_, null) => $" ({reason})", (null, _) => $": {message}", _ => $" ({reason}): {message}" };

    /// <summary>Under a minute to the millisecond ("3.12s"), longer as kubectl ages ("5m3s").</summary>
    public static string Duration(TimeSpan d) =>
        d < TimeSpan.FromMinutes(1) ? GoDuration.Format(GoDuration.TruncateToMilliseconds(d < TimeSpan.Zero ? TimeSpan.Zero : d)) : HumanDuration.Format(d);
}
