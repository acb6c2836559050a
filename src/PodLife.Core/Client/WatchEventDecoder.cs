using System.Text.Json;
using k8s;
using k8s.Models;

namespace PodLife.Core.Client;

/// <summary>
/// Decodes one line of a Kubernetes watch stream (<c>{"type":"MODIFIED","object":{...}}</c>) from its UTF-8 bytes
/// straight into the model, with KubernetesClient's own serializer options (its converters for quantities,
/// IntOrString, timestamps). An ERROR event carries a Status (410 Gone for a compacted resourceVersion): it becomes a
/// <see cref="KubernetesException"/> with that Status, as client-go's watcher turns it into an error.
/// </summary>
public static class WatchEventDecoder
{
    /// <summary>The event of one watch line; a malformed line is a <see cref="JsonException"/>.</summary>
    public static (WatchEventType Type, T Object) Decode<T>(ReadOnlySpan<byte> line) => Decode<T>(line, ModelJson.DecodeOptions);

    /// <summary>As <see cref="Decode{T}(ReadOnlySpan{byte})"/>, decoding the object with <paramref name="options"/>.</summary>
    public static (WatchEventType Type, T Object) Decode<T>(ReadOnlySpan<byte> line, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a watch event is not a JSON object");
        WatchEventType? type = null;
        T? obj = default;
        var objectSeen = false;
        // Where "object" came before "type" (our server writes "type" first), its bytes wait for the type.
        var pending = ReadOnlySpan<byte>.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = ParseType(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                objectSeen = true;
                if (type is { } known)
                    obj = ReadObject<T>(ref reader, known, options);
                else
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    pending = line[start..(int)reader.BytesConsumed];
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new JsonException("a watch event is not a JSON object");
        if (type is not { } eventType)
            throw new JsonException("a watch event has no type");
        if (!objectSeen)
            throw new JsonException($"a watch event {eventType} has no object");
        if (!pending.IsEmpty)
        {
            var objectReader = new Utf8JsonReader(pending);
            objectReader.Read();
            obj = ReadObject<T>(ref objectReader, eventType, options);
        }
        return (eventType, obj ?? throw new JsonException($"a watch event {eventType} has a null object"));
    }

    /// <summary>
    /// The type of the event on <paramref name="line"/> when "type" is its first field (as this server and
    /// kube-apiserver write it), without reading the object; null otherwise, or for a line that is not an event.
    /// </summary>
    public static WatchEventType? PeekType(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8)) return null;
            return reader.Read() ? ParseType(ref reader) : null;
        }
        catch (JsonException)
        {
            return null; // the decoder says what is wrong with it
        }
    }

    static T? ReadObject<T>(ref Utf8JsonReader reader, WatchEventType type, JsonSerializerOptions options)
    {
        if (type != WatchEventType.Error)
            return JsonSerializer.Deserialize<T>(ref reader, options);
        var status = JsonSerializer.Deserialize<V1Status>(ref reader, ModelJson.Options) ?? new V1Status { Code = 500, Message = "watch error event without a Status" };
        throw new KubernetesException(status);
    }

    static WatchEventType ParseType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("ADDED"u8)) return WatchEventType.Added;
            if (reader.ValueTextEquals("MODIFIED"u8)) return WatchEventType.Modified;
            if (reader.ValueTextEquals("DELETED"u8)) return WatchEventType.Deleted;
            if (reader.ValueTextEquals("BOOKMARK"u8)) return WatchEventType.Bookmark;
            if (reader.ValueTextEquals("ERROR"u8)) return WatchEventType.Error;
        }
        throw new JsonException($"unknown watch event type {(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}");
    }
}
