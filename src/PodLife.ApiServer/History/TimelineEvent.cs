using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.ApiServer.History;

/// <summary>
/// An event as the timeline rule sees it: a <see cref="Corev1Event"/> holding only the fields that
/// <see cref="Core.History.EventRecording.EventWritten"/> and the recorder read, taken from the written object's tree
/// by hand. Events are about a third of a pod's writes; decoding each one whole (and, for events.k8s.io/v1, first
/// converting a deep copy of it to the stored core/v1 form) was most of what recording them cost.
/// </summary>
/// <remarks>
/// Read: involvedObject's kind, name, namespace and uid; reason, type, message, count; lastTimestamp, firstTimestamp,
/// eventTime and series.lastObservedTime. A rule that comes to read another field must add it here (TimelineEventTests
/// compare these with whole decodes of the stored form). An events.k8s.io/v1 object is read under its own field names:
/// each renamed field is taken from its events.k8s.io name when present, else from its core/v1 name, which is what the
/// conversion to the stored form (<see cref="Registry.Kinds.EventsV1View.ToStored"/>) leaves there.
/// </remarks>
public static class TimelineEvent
{
    /// <summary>The written event, in the form <paramref name="eventsV1"/> says (events.k8s.io/v1, or core/v1).</summary>
    public static Corev1Event Of(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var series = ev["series"] as JsonObject;
        return new Corev1Event
        {
            InvolvedObject = Field(ev, "involvedObject", "regarding", eventsV1) is JsonObject about ? Reference(about) : null,
            Reason = Str(ev["reason"]),
            Type = Str(ev["type"]),
            Message = Str(Field(ev, "message", "note", eventsV1)),
            Count = Count(ev, eventsV1),
            LastTimestamp = Time(Field(ev, "lastTimestamp", "deprecatedLastTimestamp", eventsV1)),
            FirstTimestamp = Time(Field(ev, "firstTimestamp", "deprecatedFirstTimestamp", eventsV1)),
            EventTime = Time(ev["eventTime"]),
            Series = series is null ? null : new Corev1EventSeries { LastObservedTime = Time(series["lastObservedTime"]) },
        };
    }

    /// <summary>The event's previous version: only its count, all that the rule compares.</summary>
    public static Corev1Event CountOf(JsonObject ev, bool eventsV1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return new Corev1Event { Count = Count(ev, eventsV1) };
    }

    static int? Count(JsonObject ev, bool eventsV1) =>
        Field(ev, "count", "deprecatedCount", eventsV1) is { } count ? count.Deserialize<int?>(ModelJson.Options) : null;

    static V1ObjectReference Reference(JsonObject about) => new()
    {
        Kind = Str(about["kind"]),
        Name = Str(about["name"]),
        NamespaceProperty = Str(about["namespace"]),
        Uid = Str(about["uid"]),
    };

    // The core/v1 field of the stored form: under its events.k8s.io/v1 name if the object has that one.
    static JsonNode? Field(JsonObject ev, string core, string events, bool eventsV1) =>
        eventsV1 && ev.TryGetPropertyValue(events, out var renamed) ? renamed : ev[core];

    static DateTime? Time(JsonNode? node) => node?.Deserialize<DateTime?>(ModelJson.Options);

    static string? Str(JsonNode? node) => node?.GetValue<string>();
}
