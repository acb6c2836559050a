using System.Globalization;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry;

/// <summary>Reads and writes metadata and other fields of an API object held as JSON.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string Str(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string Name(this JsonObject obj) => obj.Metadata().Str("name");
    public static string Namespace(this JsonObject obj) => obj.Metadata().Str("namespace");
    public static string Uid(this JsonObject obj) => obj.Metadata().Str("uid");
    public static string ResourceVersion(this JsonObject obj) => obj.Metadata().Str("resourceVersion");
    public static bool IsDeleting(this JsonObject obj) => obj.Metadata()["deletionTimestamp"] is not null;

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        obj.Metadata()["finalizers"] is JsonArray a ? [.. a.Select(n => n?.ToString() ?? "")] : [];

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) =>
        obj.Metadata()["labels"] is JsonObject l
            ? l.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "")
            : new Dictionary<string, string>();

    // Field selectors name a handful of paths, and every watch event is matched against every watcher's selector.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> PathParts = new(StringComparer.Ordinal);

    /// <summary>The value at a dotted path ("spec.nodeName") as a string, "" when absent (as field selectors see it).</summary>
    public static string At(this JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in PathParts.GetOrAdd(path, p => p.Split('.')))
        {
            if (node is not JsonObject o) return "";
            node = o[part];
        }
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => node.ToJsonString(),
        };
    }

    /// <summary>A JSON number as a long, whether parsed or built in memory; null when absent or not an integer.</summary>
    public static long? Long(JsonNode? node) =>
        node is JsonValue && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;

    /// <summary>Kubernetes' timestamp format: RFC 3339 in UTC with whole seconds.</summary>
    public static string Timestamp(DateTimeOffset t) => PodLife.Core.Client.Rfc3339Format.SecondsText(t);

    public static DateTimeOffset? ParseTimestamp(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
