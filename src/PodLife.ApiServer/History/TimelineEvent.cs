using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.ApiServer.History;

/// <summary>
/// An event as the timeline rule sees it: a <see cref="Corev1Event"/> holding only the fields that
/// <see cref="Core.History.EventRecording.EventWritten"/> and the recorder read, decoded from the written object without
/// the rest of it. Events are about a third of a pod's writes; decoding each one whole (and, for events.k8s.io/v1, first
/// converting a deep copy of it to the stored core/v1 form) was most of what recording them cost.
/// </summary>
/// <remarks>
/// Read: involvedObject (its kind, name, namespace and uid); reason, type, message, count; lastTimestamp, firstTimestamp,
/// eventTime and series (its lastObservedTime). A rule that comes to read another field must add it here (TimelineEventTests
/// compare these with whole decodes of the stored form). An events.k8s.io/v1 object is read under its own field names:
/// each renamed field is taken from its events.k8s.io name when present, else from its core/v1 name, which is what the
/// conversion to the stored form (<see cref="Registry.Kinds.EventsV1View.ToStored"/>) leaves there.
/// </remarks>
public static class TimelineEvent
{
    // (core/v1 name, events.k8s.io/v1 name when it differs): the fields the rule reads.
    static readonly (string Core, string? Events)[] RuleFields =
    [
        ("involvedObject", "regarding"), ("reason", null), ("type", null), ("message", "note"), ("count", "deprecatedCount"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("firstTimestamp", "deprecatedFirstTimestamp"), ("eventTime", null), ("series", null),
    ];
    static readonly (string Core, string? Events)[] CountField = [("count", "deprecatedCount")];

    /// <summary>The written event, in the form <paramref name="eventsV1"/> says (events.k8s.io/v1, or core/v1).</summary>
    public static Corev1Event Of(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return Decode(ev, eventsV1, RuleFields);
    }

    /// <summary>The event's previous version: only its count, all that the rule compares.</summary>
    public static Corev1Event CountOf(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return Decode(ev, eventsV1, CountField);
    }

    const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic] static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] static Utf8JsonWriter? t_writer;

    // The fields are copied under their core/v1 names into a buffer and decoded as the model decodes them. Read through
    // the tree instead, a lazily parsed event would build a node for each of its values (more bytes than the whole
    // decode); copied, a value that was not built yet is written straight from the parsed text.
    static Corev1Event Decode(JsonObject ev, bool eventsV1, (string Core, string? Events)[] fields)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var w = t_writer ??= new Utf8JsonWriter(buffer);
        w.Reset(buffer);
        try
        {
            w.WriteStartObject();
            foreach (var (core, events) in fields)
            {
                // As the conversion to the stored form has it: the events.k8s.io name, when present, replaces the core one.
                if (!(eventsV1 && events is not null && ev.TryGetPropertyValue(events, out var value)) && !ev.TryGetPropertyValue(core, out value))
                    continue;
                w.WritePropertyName(core);
                if (value is null) w.WriteNullValue();
                else value.WriteTo(w);
            }
            w.WriteEndObject();
            w.Flush();
            return JsonSerializer.Deserialize<Corev1Event>(buffer.WrittenSpan, ModelJson.Options)!;
        }
        finally
        {
            w.Reset();
            if (buffer.Capacity > MaxKeptBuffer) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
    }
}
