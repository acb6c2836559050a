using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Protobuf;

/// <summary>
/// Turns a protobuf message into the JSON object the same Go struct would marshal to. gogo-protobuf writes every
/// non-pointer field, even empty; JSON omits those (omitempty), so zero values of non-pointer fields are dropped.
/// </summary>
public static class ProtoJson
{
    public static JsonObject Decode(ProtoMessage schema, ReadOnlyMemory<byte> bytes) => Decode(schema, bytes, "");

    // path names the message for errors ("spec.containers"), as a user would look for the field.
    static JsonObject Decode(ProtoMessage schema, ReadOnlyMemory<byte> bytes, string path)
    {
        var obj = new JsonObject();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!schema.Fields.TryGetValue(number, out var field))
            {
                if (schema.Strict)
                    throw new ProtobufException($"proto: field number {number} of {(path.Length == 0 ? "the object" : path)} is not supported by this server");
                reader.Skip(wireType);
                continue;
            }
            if (field is { Repeated: true, Kind: ProtoKind.Int } && wireType == 2)
            {
                // A packed list of integers: protobuf decoders accept it whether or not the schema says [packed=true].
                var packed = new ProtoReader(reader.ReadLengthDelimited());
                while (!packed.AtEnd) Append(obj, field.Name, (long)packed.ReadVarint());
                continue;
            }
            var value = ReadValue(field, wireType, reader, field.Kind == ProtoKind.Inline ? path : path.Length == 0 ? field.Name : $"{path}.{field.Name}");
            if (field.Repeated) Append(obj, field.Name, value);
            else if (field.Kind is ProtoKind.StringMap or ProtoKind.BytesMap or ProtoKind.Map) AddEntry(obj, field.Name, value!.AsObject());
            else if (field.Kind == ProtoKind.Inline) AddEntry(obj, null, value!.AsObject());
            else if (value is not null && (field.Pointer || !IsZero(value))) obj[field.Name] = value;
        }
        return obj;
    }

    static JsonNode? ReadValue(ProtoField field, int wireType, ProtoReader reader, string path)
    {
        var expected = field.Kind is ProtoKind.Int or ProtoKind.Bool ? 0 : 2;
        if (wireType != expected) throw new ProtobufException($"proto: wrong wireType = {wireType} for field {field.Name}");
        return field.Kind switch
        {
            ProtoKind.Int => (long)reader.ReadVarint(),
            ProtoKind.Bool => reader.ReadVarint() != 0,
            ProtoKind.String => Utf8(reader.ReadLengthDelimited(), field.Name),
            ProtoKind.Bytes => Convert.ToBase64String(reader.ReadLengthDelimited().Span),
            ProtoKind.Message => Decode(field.Message!, reader.ReadLengthDelimited(), path),
            ProtoKind.Time => Time(reader.ReadLengthDelimited(), micro: false),
            ProtoKind.MicroTime => Time(reader.ReadLengthDelimited(), micro: true),
            ProtoKind.RawJson => RawJson(reader.ReadLengthDelimited(), field.Name),
            ProtoKind.Quantity => Decode(QuantityMessage, reader.ReadLengthDelimited())["string"]?.DeepClone() ?? "",
            ProtoKind.IntOrString => IntOrString(Decode(IntOrStringMessage, reader.ReadLengthDelimited())),
            ProtoKind.Inline => Decode(field.Message!, reader.ReadLengthDelimited(), path),
            _ => MapEntry(reader.ReadLengthDelimited(), field),
        };
    }

    static string Utf8(ReadOnlyMemory<byte> bytes, string field)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtobufException($"proto: field {field} contains invalid UTF-8");
        }
    }

    // A map entry is a message {key = 1; value = 2}; the result is a one-entry object merged into the map.
    static JsonObject MapEntry(ReadOnlyMemory<byte> bytes, ProtoField field)
    {
        var entry = Decode(field.Kind switch { ProtoKind.BytesMap => BytesEntry, ProtoKind.Map => field.Message!, _ => StringEntry }, bytes);
        var key = entry["key"]?.GetValue<string>() ?? "";
        return new JsonObject { [key] = entry["value"]?.DeepClone() ?? "" };
    }

    static readonly ProtoMessage StringEntry = new(new Dictionary<int, ProtoField>
    {
        [1] = new("key", ProtoKind.String), [2] = new("value", ProtoKind.String),
    });

    static readonly ProtoMessage QuantityMessage = new(new Dictionary<int, ProtoField> { [1] = new("string", ProtoKind.String) });

    static readonly ProtoMessage IntOrStringMessage = new(new Dictionary<int, ProtoField>
    {
        [1] = new("type", ProtoKind.Int), [2] = new("intVal", ProtoKind.Int), [3] = new("strVal", ProtoKind.String),
    });

    // intstr.Type 1 is a string; 0 (left out on the wire when zero) an integer.
    static JsonNode IntOrString(JsonObject value) =>
        Number(value["type"]) == 1 ? value["strVal"]?.DeepClone() ?? "" : value["intVal"]?.DeepClone() ?? 0;

    static long Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    static readonly ProtoMessage BytesEntry = new(new Dictionary<int, ProtoField>
    {
        [1] = new("key", ProtoKind.String), [2] = new("value", ProtoKind.Bytes),
    });

    // metav1.Time marshals to RFC 3339 with second precision, metav1.MicroTime with microseconds; the zero time is null
    // (and omitted).
    static JsonNode? Time(ReadOnlyMemory<byte> bytes, bool micro)
    {
        var reader = new ProtoReader(bytes);
        long seconds = 0, nanos = 0;
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == 0) seconds = (long)reader.ReadVarint();
            else if (number == 2 && wireType == 0) nanos = (long)reader.ReadVarint();
            else reader.Skip(wireType);
        }
        if (seconds == 0 && (!micro || nanos == 0)) return null;
        if (seconds < -62135596800 || seconds > 253402300799 || nanos is < 0 or > 999_999_999) throw new ProtobufException("proto: time out of range");
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return micro
            ? time.AddTicks(nanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    static JsonNode? RawJson(ReadOnlyMemory<byte> bytes, string field)
    {
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number != 1 || wireType != 2)
            {
                reader.Skip(wireType);
                continue;
            }
            try
            {
                return JsonNode.Parse(reader.ReadLengthDelimited().Span);
            }
            catch (JsonException e)
            {
                throw new ProtobufException($"proto: field {field} is not JSON: {e.Message}");
            }
        }
        return null;
    }

    static bool IsZero(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        _ => false,
    };

    static void Append(JsonObject obj, string name, JsonNode? value)
    {
        if (obj[name] is not JsonArray array) obj[name] = array = [];
        array.Add(value);
    }

    // Merges the entry's fields into the map field <paramref name="name"/>, or into the object itself when null (inline).
    static void AddEntry(JsonObject obj, string? name, JsonObject entry)
    {
        JsonObject map;
        if (name is null) map = obj;
        else if (obj[name] is JsonObject existing) map = existing;
        else obj[name] = map = [];
        foreach (var (key, value) in entry.ToList())
        {
            entry.Remove(key);
            map[key] = value;
        }
    }
}
