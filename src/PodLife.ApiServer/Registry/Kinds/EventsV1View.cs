using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// events.k8s.io/v1 Events are the stored core/v1 Events under other field names
/// (pkg/apis/events/v1/conversion.go): involvedObject is regarding, message is note, and so on.
/// </summary>
public sealed class EventsV1View : IObjectView
{
    public static readonly EventsV1View Instance = new();

    // (core/v1 name, events.k8s.io/v1 name)
    static readonly (string Core, string Events)[] Renames =
    [
        ("involvedObject", "regarding"), ("message", "note"), ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"), ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("count", "deprecatedCount"),
    ];

    // core/v1 always writes these two (no omitempty); events.k8s.io/v1 leaves them out when empty.
    static readonly string[] OmittedWhenEmpty = ["reportingController", "reportingInstance"];
    static readonly string[] CoreAlwaysWritten = ["reportingComponent", "reportingInstance"];

    public JsonObject FromStored(JsonObject stored)
    {
        var view = Rename(stored, "events.k8s.io/v1", r => (r.Core, r.Events));
        foreach (var field in OmittedWhenEmpty)
            if (view[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length == 0) view.Remove(field);
        return view;
    }

    public JsonObject ToStored(JsonObject view)
    {
        var stored = Rename(view, "v1", r => (r.Events, r.Core));
        foreach (var field in CoreAlwaysWritten)
            if (!stored.ContainsKey(field)) stored[field] = "";
        return stored;
    }

    static JsonObject Rename(JsonObject source, string apiVersion, Func<(string Core, string Events), (string From, string To)> direction)
    {
        var result = (JsonObject)source.DeepClone();
        foreach (var (from, to) in Renames.Select(direction))
        {
            if (!result.Remove(from, out var value)) continue;
            result[to] = value;
        }
        result["apiVersion"] = apiVersion;
        result["kind"] = "Event";
        return result;
    }
}
