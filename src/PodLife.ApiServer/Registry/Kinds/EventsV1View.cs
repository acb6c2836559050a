using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Client;

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

    /// <summary>
    /// The model of the stored core/v1 Event of <paramref name="view"/>: what decoding <see cref="ToStored"/>'s result
    /// gives, without building that copy (a deep copy of every node of the event, only to be decoded for validation).
    /// The view's fields are written to a per-thread buffer under their stored names, as <see cref="ToStored"/> renames
    /// them (an events.k8s.io name replaces the core one), and decoded from there.
    /// </summary>
    public Corev1Event StoredModel(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ScratchJson.Decode<Corev1Event, JsonObject>(view, static (w, view) =>
        {
            w.WriteStartObject();
            foreach (var (name, value) in view)
            {
                if (name is "apiVersion" or "kind" || ReplacedCoreName(view, name)) continue;
                w.WritePropertyName(CoreName(name) ?? name);
                if (value is null) w.WriteNullValue();
                else value.WriteTo(w);
            }
            w.WriteString("apiVersion", "v1");
            w.WriteString("kind", "Event");
            foreach (var field in CoreAlwaysWritten)
                if (!view.ContainsKey(field) && !(EventsName(field) is { } renamed && view.ContainsKey(renamed))) w.WriteString(field, "");
            w.WriteEndObject();
        })!;
    }

    static string? CoreName(string events)
    {
        foreach (var (core, name) in Renames)
            if (name == events) return core;
        return null;
    }

    static string? EventsName(string core)
    {
        foreach (var (name, events) in Renames)
            if (name == core) return events;
        return null;
    }

    // A core/v1 field that the view also has under its events.k8s.io name: the conversion keeps the latter.
    static bool ReplacedCoreName(JsonObject view, string name) => EventsName(name) is { } events && view.ContainsKey(events);

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
