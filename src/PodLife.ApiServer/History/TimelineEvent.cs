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
    // (core/v1 name, events.k8s.io/v1 name when it differs): the fields the rule reads that hold one value.
    static readonly (string Core, string? Events)[] ValueFields =
    [
        ("reason", null), ("type", null), ("message", "note"), ("count", "deprecatedCount"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("firstTimestamp", "deprecatedFirstTimestamp"), ("eventTime", null),
    ];
    static readonly (string Core, string? Events)[] CountField = [("count", "deprecatedCount")];

    /// <summary>The written event, in the form <paramref name="eventsV1"/> says (events.k8s.io/v1, or core/v1).</summary>
    public static Corev1Event Of(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var result = Decode<Corev1Event>(ev, eventsV1, ValueFields);
        // The two objects are decoded on their own: nested in the event, each would grow the decoder's frame stack.
        if (Find(ev, eventsV1, "involvedObject", "regarding", out var about)) result.InvolvedObject = Decode<V1ObjectReference>(about);
        if (Find(ev, eventsV1, "series", null, out var series)) result.Series = Decode<Corev1EventSeries>(series);
        return result;
    }

    /// <summary>The event's previous version: only its count, all that the rule compares.</summary>
    public static Corev1Event CountOf(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return Decode<Corev1Event>(ev, eventsV1, CountField);
    }

    // As the conversion to the stored form has it: the events.k8s.io name, when present, replaces the core one.
    static bool Find(JsonObject ev, bool eventsV1, string core, string? events, out JsonNode? value) =>
        (eventsV1 && events is not null && ev.TryGetPropertyValue(events, out value)) || ev.TryGetPropertyValue(core, out value);

    // The fields are copied under their core/v1 names into a buffer and decoded as the model decodes them. Read through
    // the tree instead, a lazily parsed event would build a node for each of its values (more bytes than the whole
    // decode); copied, a value that was not built yet is written straight from the parsed text.
    static T Decode<T>(JsonObject ev, bool eventsV1, (string Core, string? Events)[] fields) where T : class =>
        ScratchJson.Decode<T, (JsonObject Event, bool EventsV1, (string Core, string? Events)[] Fields)>((ev, eventsV1, fields), static (w, from) =>
        {
            w.WriteStartObject();
            foreach (var (core, events) in from.Fields)
            {
                if (!Find(from.Event, from.EventsV1, core, events, out var value)) continue;
                w.WritePropertyName(core);
                Write(w, value);
            }
            w.WriteEndObject();
        })!;

    static T? Decode<T>(JsonNode? node) where T : class => ScratchJson.Decode<T, JsonNode?>(node, Write);

    static void Write(Utf8JsonWriter w, JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }
}
