using System.Text.Json;
using System.Text.Json.Nodes;

using PodLife.Core.Client;

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
        meta["creationTimestamp"] = Rfc3339Format.SecondsText(t.CreationTimestamp);
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
    /// whole timeline on every status write, so this allocates nothing but the result: no tree, no time strings, and the
    /// writer and its buffer are the calling thread's, reused.
    /// </summary>
    public static byte[] ToUtf8(PodTimeline t, JsonWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(t);
        return ScratchJson.Use(t, Write, static json => json.ToArray(), options);
    }

    static void Write(Utf8JsonWriter w, PodTimeline t)
    {
        w.WriteStartObject();
        w.WriteString(Names.ApiVersion, Names.ApiVersionValue);
        w.WriteString(Names.Kind, Names.KindValue);
        w.WriteStartObject(Names.Metadata);
        w.WriteString(Names.Name, t.Name);
        w.WriteString(Names.Namespace, t.Namespace);
        w.WriteString(Names.Uid, t.Uid);
        if (t.ResourceVersion.Length > 0) w.WriteString(Names.ResourceVersion, t.ResourceVersion);
        WriteTime(w, Names.CreationTimestamp, t.CreationTimestamp, seconds: true);
        if (t.Labels.Count > 0)
        {
            w.WriteStartObject(Names.Labels);
            foreach (var (key, value) in t.Labels) w.WriteString(key, value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString(Names.PodUid, t.PodUid);
        if (t.PodDeletedAt is { } d) WriteTime(w, Names.PodDeletedAt, d);
        else w.WriteNull(Names.PodDeletedAt);
        if (t.Current is { } c)
        {
            w.WriteStartObject(Names.Current);
            w.WriteString(Names.Stage, c.Stage);
            w.WriteString(Names.Phase, c.Phase);
            w.WriteString(Names.Reason, c.Reason);
            WriteTime(w, Names.Since, c.Since);
            w.WriteNumber(Names.Restarts, c.Restarts);
            w.WriteEndObject();
        }
        if (t.DroppedEntries > 0) w.WriteNumber(Names.DroppedEntries, t.DroppedEntries);
        w.WriteStartArray(Names.Entries);
        foreach (var e in t.Entries) WriteEntry(w, e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteEntry(Utf8JsonWriter w, TimelineEntry e)
    {
        w.WriteStartObject();
        WriteTime(w, Names.Time, e.Time);
        w.WriteString(Names.Kind, e.Kind);
        w.WriteString(Names.Name, e.Name);
        w.WriteString(Names.To, e.To);
        if (e.From is { } from) w.WriteString(Names.From, from);
        if (e.Reason is { } reason) w.WriteString(Names.Reason, reason);
        if (e.Message is { } message) w.WriteString(Names.Message, message);
        if (e.ExitCode is { } exit) w.WriteNumber(Names.ExitCode, exit);
        if (e.Signal is { } signal) w.WriteNumber(Names.Signal, signal);
        if (e.RestartCount is { } restarts) w.WriteNumber(Names.RestartCount, restarts);
        if (e.Ready is { } ready) w.WriteBoolean(Names.Ready, ready);
        if (e.Count is { } count) w.WriteNumber(Names.Count, count);
        if (e.LastTime is { } last) WriteTime(w, Names.LastTime, last);
        w.WriteEndObject();
    }

    // metadata.creationTimestamp is a metav1.Time (whole seconds); every other time a MicroTime (MicroTime.ToText).
    static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset time, bool seconds = false)
    {
        Span<byte> text = stackalloc byte[Rfc3339Format.MicrosecondsLength];
        var utc = time.UtcDateTime;
        w.WriteString(name, text[..(seconds ? Rfc3339Format.Seconds(utc, text) : Rfc3339Format.Microseconds(utc, text))]);
    }

    static class Names
    {
        public static readonly JsonEncodedText ApiVersion = JsonEncodedText.Encode("apiVersion");
        public static readonly JsonEncodedText ApiVersionValue = JsonEncodedText.Encode(PodTimelineJson.ApiVersion);
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText KindValue = JsonEncodedText.Encode(PodTimelineJson.Kind);
        public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
        public static readonly JsonEncodedText Uid = JsonEncodedText.Encode("uid");
        public static readonly JsonEncodedText ResourceVersion = JsonEncodedText.Encode("resourceVersion");
        public static readonly JsonEncodedText CreationTimestamp = JsonEncodedText.Encode("creationTimestamp");
        public static readonly JsonEncodedText Labels = JsonEncodedText.Encode("labels");
        public static readonly JsonEncodedText PodUid = JsonEncodedText.Encode("podUID");
        public static readonly JsonEncodedText PodDeletedAt = JsonEncodedText.Encode("podDeletedAt");
        public static readonly JsonEncodedText Current = JsonEncodedText.Encode("current");
        public static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        public static readonly JsonEncodedText Phase = JsonEncodedText.Encode("phase");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Since = JsonEncodedText.Encode("since");
        public static readonly JsonEncodedText Restarts = JsonEncodedText.Encode("restarts");
        public static readonly JsonEncodedText DroppedEntries = JsonEncodedText.Encode("droppedEntries");
        public static readonly JsonEncodedText Entries = JsonEncodedText.Encode("entries");
        public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText ExitCode = JsonEncodedText.Encode("exitCode");
        public static readonly JsonEncodedText Signal = JsonEncodedText.Encode("signal");
        public static readonly JsonEncodedText RestartCount = JsonEncodedText.Encode("restartCount");
        public static readonly JsonEncodedText Ready = JsonEncodedText.Encode("ready");
        public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
        public static readonly JsonEncodedText LastTime = JsonEncodedText.Encode("lastTime");
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
