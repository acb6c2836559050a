using System.Globalization;
using System.Text.Json;
using PodLife.Core.History;

namespace PodLife.ApiServer.History;

/// <summary>
/// Reads a stored timeline straight from its UTF-8 bytes into the same <see cref="PodTimeline"/> as
/// <see cref="PodTimelineJson.FromJson"/> of its parsed tree: the recorder reads back every timeline it no longer holds
/// in memory (a pod written after its timeline was evicted: every deletion of an old pod at 100,000 pods), and the tree
/// cost about fifteen times the timeline's size in allocations. The recurring words (kinds, stages, phases, condition
/// types and statuses, container states) come out as the shared constants, not new strings, so a cached timeline that
/// was read back holds only what is its own.
/// </summary>
public static class TimelineReader
{
    // The values the rules write over and over; anything else is read as a new string.
    static readonly string[] Words =
    [
        TimelineEntryKind.Phase, TimelineEntryKind.Condition, TimelineEntryKind.Container, TimelineEntryKind.InitContainer,
        TimelineEntryKind.EphemeralContainer, TimelineEntryKind.Stage, TimelineEntryKind.Event,
        "Initializing", "ReadyToRun", "NormalOperation", "Terminated", "Error",
        "Pending", "Running", "Succeeded", "Failed", "Unknown", "Waiting",
        "True", "False", "PodScheduled", "Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers",
        "Normal", "Warning", "Scheduled", "Pulled", "Created", "Started", "Killing", "BackOff",
        "ContainersNotReady", "ContainerCreating", "PodInitializing", "Completed", "CrashLoopBackOff", "Deleted", "",
    ];
    static readonly byte[][] WordBytes = [.. Words.Select(w => System.Text.Encoding.UTF8.GetBytes(w))];

    /// <summary>The timeline in <paramref name="utf8"/>, as FromJson reads it: unknown fields ignored, missing ones empty.</summary>
    /// <exception cref="JsonException">The bytes are not one JSON object.</exception>
    public static PodTimeline Read(ReadOnlySpan<byte> utf8)
    {
        var r = new Utf8JsonReader(utf8);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new JsonException("a pod timeline is a JSON object");
        string ns = "", name = "", uid = "", resourceVersion = "", podUid = "";
        DateTimeOffset? created = null, deletedAt = null;
        Dictionary<string, string>? labels = null;
        TimelineCurrent? current = null;
        var dropped = 0;
        List<TimelineEntry>? entries = null;
        while (Next(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (Next(ref r))
                {
                    if (r.ValueTextEquals("name"u8)) name = Str(ref r);
                    else if (r.ValueTextEquals("namespace"u8)) ns = Str(ref r);
                    else if (r.ValueTextEquals("uid"u8)) uid = Str(ref r);
                    else if (r.ValueTextEquals("resourceVersion"u8)) resourceVersion = Str(ref r);
                    else if (r.ValueTextEquals("creationTimestamp"u8)) created = Time(ref r);
                    else if (r.ValueTextEquals("labels"u8)) labels = Labels(ref r);
                    else { r.Read(); r.Skip(); }
                }
            }
            else if (r.ValueTextEquals("podUID"u8)) podUid = Str(ref r);
            else if (r.ValueTextEquals("podDeletedAt"u8)) deletedAt = Time(ref r);
            else if (r.ValueTextEquals("current"u8)) current = Current(ref r);
            else if (r.ValueTextEquals("droppedEntries"u8)) dropped = Int(ref r) ?? 0;
            else if (r.ValueTextEquals("entries"u8)) entries = Entries(ref r);
            else { r.Read(); r.Skip(); }
        }
        return new PodTimeline(ns, name, podUid)
        {
            Uid = uid,
            ResourceVersion = resourceVersion,
            CreationTimestamp = created ?? DateTimeOffset.UnixEpoch,
            Labels = labels ?? [],
            PodDeletedAt = deletedAt,
            Current = current,
            DroppedEntries = dropped,
            Entries = entries ?? [],
        };
    }

    // Moves to the object's next property name; false at its end.
    static bool Next(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

    static Dictionary<string, string>? Labels(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
        var labels = new Dictionary<string, string>();
        while (Next(ref r))
        {
            var key = r.GetString()!;
            r.Read();
            // As FromJson: a null label reads as empty; any other non-string is refused.
            labels[key] = r.TokenType switch
            {
                JsonTokenType.Null => "",
                JsonTokenType.String => r.GetString()!,
                _ => throw new InvalidOperationException($"label {key} is not a string"),
            };
            r.Skip();
        }
        return labels;
    }

    static TimelineCurrent? Current(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
        string stage = "", phase = "", reason = "";
        DateTimeOffset? since = null;
        int? restarts = null;
        while (Next(ref r))
        {
            if (r.ValueTextEquals("stage"u8)) stage = Str(ref r);
            else if (r.ValueTextEquals("phase"u8)) phase = Str(ref r);
            else if (r.ValueTextEquals("reason"u8)) reason = Str(ref r);
            else if (r.ValueTextEquals("since"u8)) since = Time(ref r);
            else if (r.ValueTextEquals("restarts"u8)) restarts = Int(ref r);
            else { r.Read(); r.Skip(); }
        }
        return new TimelineCurrent(stage, phase, reason, since ?? DateTimeOffset.UnixEpoch, restarts ?? 0);
    }

    static List<TimelineEntry>? Entries(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return null; }
        var entries = new List<TimelineEntry>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            // As FromJson: what is not an object in the list is left out.
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            entries.Add(Entry(ref r));
        }
        return entries;
    }

    static TimelineEntry Entry(ref Utf8JsonReader r)
    {
        DateTimeOffset? time = null, lastTime = null;
        string kind = "", name = "", to = "";
        string? from = null, reason = null, message = null;
        int? exitCode = null, signal = null, restartCount = null, count = null;
        bool? ready = null;
        while (Next(ref r))
        {
            if (r.ValueTextEquals("time"u8)) time = Time(ref r);
            else if (r.ValueTextEquals("kind"u8)) kind = Str(ref r);
            else if (r.ValueTextEquals("name"u8)) name = Str(ref r);
            else if (r.ValueTextEquals("to"u8)) to = Str(ref r);
            else if (r.ValueTextEquals("from"u8)) from = Opt(ref r);
            else if (r.ValueTextEquals("reason"u8)) reason = Opt(ref r);
            else if (r.ValueTextEquals("message"u8)) message = Opt(ref r);
            else if (r.ValueTextEquals("exitCode"u8)) exitCode = Int(ref r);
            else if (r.ValueTextEquals("signal"u8)) signal = Int(ref r);
            else if (r.ValueTextEquals("restartCount"u8)) restartCount = Int(ref r);
            else if (r.ValueTextEquals("ready"u8)) ready = Bool(ref r);
            else if (r.ValueTextEquals("count"u8)) count = Int(ref r);
            else if (r.ValueTextEquals("lastTime"u8)) lastTime = Time(ref r);
            else { r.Read(); r.Skip(); }
        }
        return new TimelineEntry(time ?? DateTimeOffset.UnixEpoch, kind, name, to)
        {
            From = from, Reason = reason, Message = message, ExitCode = exitCode, Signal = signal, RestartCount = restartCount,
            Ready = ready, Count = count, LastTime = lastTime,
        };
    }

    // The value after a property name: a string, else null (skipping an object or array).
    static string? Opt(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String)
        {
            r.Skip();
            return null;
        }
        if (!r.ValueIsEscaped && !r.HasValueSequence)
            for (var i = 0; i < WordBytes.Length; i++)
                if (r.ValueSpan.SequenceEqual(WordBytes[i])) return Words[i];
        return r.GetString();
    }

    static string Str(ref Utf8JsonReader r) => Opt(ref r) ?? "";

    static int? Int(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var value)) return value;
        r.Skip();
        return null;
    }

    static bool? Bool(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => Skipped(ref r),
        };
    }

    static bool? Skipped(ref Utf8JsonReader r)
    {
        r.Skip();
        return null;
    }

    // As MicroTime.Parse, from the bytes: any RFC3339 time, null when absent or malformed.
    static DateTimeOffset? Time(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.Length > 64)
            return MicroTime.Parse(StringOrNull(ref r));
        Span<char> text = stackalloc char[64];
        var length = System.Text.Encoding.UTF8.GetChars(r.ValueSpan, text);
        return DateTimeOffset.TryParse(text[..length], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }

    static string? StringOrNull(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        r.Skip();
        return null;
    }
}
