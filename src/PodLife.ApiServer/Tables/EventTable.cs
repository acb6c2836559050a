using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>
/// kubectl's event columns (printers.go printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE,
/// wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
/// </summary>
public sealed class EventTable : ResourceTable
{
    public static readonly EventTable Instance = new();

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "", "Time when last occurrence of the event was observed."),
        new("Type", "string", "", "Type of this event (Normal, Warning), new types could be added in the future."),
        new("Reason", "string", "", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "", "The object this Event is about."),
        new("Subobject", "string", "", "Specific subobject that this event is about.", 1),
        new("Source", "string", "", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "", "The time at which the event was first recorded.", 1),
        new("Count", "string", "", "The number of times this event has occurred.", 1),
        new("Name", "string", "name", "Name of the event.", 1),
    ];

    public override JsonArray Cells(JsonObject e, DateTimeOffset now)
    {
        // Cells come from either view of an event: core/v1 field names or events.k8s.io/v1 ones.
        var involved = (e["involvedObject"] ?? e["regarding"]) as JsonObject ?? [];
        var first = Either(e, "firstTimestamp", "deprecatedFirstTimestamp") is { Length: > 0 } f ? f : e.Str("eventTime");
        var last = Either(e, "lastTimestamp", "deprecatedLastTimestamp") is { Length: > 0 } l ? l : first;
        var source = e.At("source.component") is { Length: > 0 } c ? c : Either(e, "reportingComponent", "reportingController");
        if (e.At("source.host") is { Length: > 0 } host) source += ", " + host;
        var count = (e["count"] ?? e["deprecatedCount"])?.GetValue<int>() ?? 1;
        var lastSeen = count > 1 ? $"{Since(last, now)} (x{count} over {Since(first, now)})" : Since(last, now);
        return
        [
            lastSeen, e.Str("type"), e.Str("reason"), $"{involved.Str("kind").ToLowerInvariant()}/{involved.Str("name")}",
            involved.Str("fieldPath"), source, Either(e, "message", "note"), Since(first, now), count, e.Name(),
        ];
    }

    static string Either(JsonObject e, string core, string events) => e.Str(core) is { Length: > 0 } s ? s : e.Str(events);
}
