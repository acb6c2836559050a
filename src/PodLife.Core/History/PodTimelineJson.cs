using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.Core.History;

/// <summary>The podtimelines.podlife.dev/v1 wire form of a <see cref="PodTimeline"/>, both ways.</summary>
public static class PodTimelineJson
{
    public const string ApiVersion = "podlife.dev/v1";
    public const string Kind = "PodTimeline";

    public static JsonObject ToJson(PodTimeline t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var meta = new JsonObject { ["name"] = t.Name, ["namespace"] = t.Namespace, ["uid"] = t.Uid };
        if (t.ResourceVersion.Length > 0) meta["resourceVersion"] = t.ResourceVersion;
        meta["creationTimestamp"] = t.CreationTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (t.Labels.Count > 0) meta["labels"] = new JsonObject(t.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        var obj = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = meta,
            ["podUID"] = t.PodUid,
            ["podDeletedAt"] = t.PodDeletedAt is { } d ? MicroTime.ToText(d) : null,
        };
        if (t.Current is { } c)
            obj["current"] = new JsonObject
            {
                ["stage"] = c.Stage, ["phase"] = c.Phase, ["reason"] = c.Reason, ["since"] = MicroTime.ToText(c.Since), ["restarts"] = c.Restarts,
            };
        if (t.DroppedEntries > 0) obj["droppedEntries"] = t.DroppedEntries;
        obj["entries"] = new JsonArray([.. t.Entries.Select(e => (JsonNode)Entry(e))]);
        return obj;
    }

    /// <summary>
    /// The same wire form as <see cref="ToJson"/>, written straight to UTF-8 bytes: the history recorder encodes a pod's
    /// whole timeline on every status write, and building the tree first was most of what that cost in allocations.
    /// </summary>
    public static byte[] ToUtf8(PodTimeline t, JsonWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(t);
        var buffer = new ArrayBufferWriter<byte>(512 + 192 * t.Entries.Count);
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", ApiVersion);
            w.WriteString("kind", Kind);
            w.WriteStartObject("metadata");
            w.WriteString("name", t.Name);
            w.WriteString("namespace", t.Namespace);
            w.WriteString("uid", t.Uid);
            if (t.ResourceVersion.Length > 0) w.WriteString("resourceVersion", t.ResourceVersion);
            w.WriteString("creationTimestamp", t.CreationTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (t.Labels.Count > 0)
            {
                w.WriteStartObject("labels");
                foreach (var (key, value) in t.Labels) w.WriteString(key, value);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("podUID", t.PodUid);
            w.WriteString("podDeletedAt", t.PodDeletedAt is { } d ? MicroTime.ToText(d) : null);
            if (t.Current is { } c)
            {
                w.WriteStartObject("current");
                w.WriteString("stage", c.Stage);
                w.WriteString("phase", c.Phase);
                w.WriteString("reason", c.Reason);
                w.WriteString("since", MicroTime.ToText(c.Since));
                w.WriteNumber("restarts", c.Restarts);
                w.WriteEndObject();
            }
            if (t.DroppedEntries > 0) w.WriteNumber("droppedEntries", t.DroppedEntries);
            w.WriteStartArray("entries");
            foreach (var e in t.Entries) WriteEntry(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static void WriteEntry(Utf8JsonWriter w, TimelineEntry e)
    {
        w.WriteStartObject();
        w.WriteString("time", MicroTime.ToText(e.Time));
        w.WriteString("kind", e.Kind);
        w.WriteString("name", e.Name);
        w.WriteString("to", e.To);
        if (e.From is { } from) w.WriteString("from", from);
        if (e.Reason is { } reason) w.WriteString("reason", reason);
        if (e.Message is { } message) w.WriteString("message", message);
        if (e.ExitCode is { } exit) w.WriteNumber("exitCode", exit);
        if (e.Signal is { } signal) w.WriteNumber("signal", signal);
        if (e.RestartCount is { } restarts) w.WriteNumber("restartCount", restarts);
        if (e.Ready is { } ready) w.WriteBoolean("ready", ready);
        if (e.Count is { } count) w.WriteNumber("count", count);
        if (e.LastTime is { } last) w.WriteString("lastTime", MicroTime.ToText(last));
        w.WriteEndObject();
    }

    static JsonObject Entry(TimelineEntry e)
    {
        var o = new JsonObject { ["time"] = MicroTime.ToText(e.Time), ["kind"] = e.Kind, ["name"] = e.Name, ["to"] = e.To };
        if (e.From is { } from) o["from"] = from;
        if (e.Reason is { } reason) o["reason"] = reason;
        if (e.Message is { } message) o["message"] = message;
        if (e.ExitCode is { } exit) o["exitCode"] = exit;
        if (e.Signal is { } signal) o["signal"] = signal;
        if (e.RestartCount is { } restarts) o["restartCount"] = restarts;
        if (e.Ready is { } ready) o["ready"] = ready;
        if (e.Count is { } count) o["count"] = count;
        if (e.LastTime is { } last) o["lastTime"] = MicroTime.ToText(last);
        return o;
    }

    /// <summary>Reads a timeline as served; fields it does not know are ignored, missing ones are empty.</summary>
    public static PodTimeline FromJson(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj["metadata"] as JsonObject ?? [];
        var current = obj["current"] as JsonObject;
        return new PodTimeline(Str(meta, "namespace"), Str(meta, "name"), Str(obj, "podUID"))
        {
            Uid = Str(meta, "uid"),
            ResourceVersion = Str(meta, "resourceVersion"),
            CreationTimestamp = MicroTime.Parse(Str(meta, "creationTimestamp")) ?? DateTimeOffset.UnixEpoch,
            Labels = (meta["labels"] as JsonObject ?? []).ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? ""),
            PodDeletedAt = MicroTime.Parse(Str(obj, "podDeletedAt")),
            Current = current is null ? null : new TimelineCurrent(Str(current, "stage"), Str(current, "phase"), Str(current, "reason"),
                MicroTime.Parse(Str(current, "since")) ?? DateTimeOffset.UnixEpoch, Int(current, "restarts") ?? 0),
            DroppedEntries = Int(obj, "droppedEntries") ?? 0,
            Entries = [.. (obj["entries"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadEntry)],
        };
    }

    static TimelineEntry ReadEntry(JsonObject e) =>
        new(MicroTime.Parse(Str(e, "time")) ?? DateTimeOffset.UnixEpoch, Str(e, "kind"), Str(e, "name"), Str(e, "to"))
        {
            From = Opt(e, "from"),
            Reason = Opt(e, "reason"),
            Message = Opt(e, "message"),
            ExitCode = Int(e, "exitCode"),
            Signal = Int(e, "signal"),
            RestartCount = Int(e, "restartCount"),
            Ready = e["ready"] is JsonValue r && r.TryGetValue<bool>(out var ready) ? ready : null,
            Count = Int(e, "count"),
            LastTime = MicroTime.Parse(Opt(e, "lastTime")),
        };

    static string? Opt(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static string Str(JsonObject o, string name) => Opt(o, name) ?? "";

    static int? Int(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
