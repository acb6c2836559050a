using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Decodes a request body into a JSON object after checking it against the kind's model type,
/// with the decoder's message when it does not fit (as kube-apiserver's "cannot be handled as a ..." errors).
/// </summary>
public abstract class ObjectCodec
{
    public abstract Type ModelType { get; }

    /// <summary>Checks that the UTF-8 JSON fits the model type; throws a JsonException with the decoder's message if not.</summary>
    protected abstract void CheckFits(ReadOnlySpan<byte> json);

    public JsonObject Decode(ReadOnlySpan<byte> body, string kind, string version)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"couldn't get version/kind; json parse error: {Clean(e.Message)}");
        }
        if (node is not JsonObject obj)
            throw Errors.BadRequest("couldn't get version/kind; json parse error: the body is not a JSON object");
        // The body itself is checked: no second encoding of the tree just parsed from it.
        Check(body, kind, version);
        return obj;
    }

    /// <summary>Checks an object built by a patch or a conversion against the model type.</summary>
    public void Check(JsonObject obj, string kind, string version)
    {
        // Encoded into a buffer kept per thread: the encoding only feeds the check (a status patch's whole pod, each time).
        var buffer = t_checkBuffer ??= new ArrayBufferWriter<byte>();
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, HttpJson.WriterOptions)) obj.WriteTo(writer);
        Check(buffer.WrittenSpan, kind, version);
        // A rare huge object does not stay in the thread's buffer.
        if (buffer.Capacity > 1 << 20) t_checkBuffer = null;
    }

    [ThreadStatic] static ArrayBufferWriter<byte>? t_checkBuffer;

    /// <summary>
    /// <see cref="Check(JsonObject, string, string)"/> of the top-level fields of <paramref name="obj"/> that a change left
    /// different from <paramref name="stored"/> (the object it was made from, which fitted the model when it was written):
    /// a status patch decodes the new status, not the whole pod's spec and metadata again. The fields checked keep their
    /// places and names, so a refusal reads as the whole object's would (the decoder stops at the first field that does
    /// not fit, and the unchanged ones fit).
    /// </summary>
    public void CheckChanged(JsonObject obj, JsonObject stored, string kind, string version) => CheckChanged(obj, stored, null, kind, version);

    /// <summary>
    /// As <see cref="CheckChanged(JsonObject, JsonObject, string, string)"/>, where only the fields named in
    /// <paramref name="touched"/> (when given: those a patch can change) may differ from <paramref name="stored"/>'s: those
    /// are checked, without comparing the others' encodings (a status patch's pod spec and metadata, encoded twice each).
    /// </summary>
    public void CheckChanged(JsonObject obj, JsonObject stored, IReadOnlySet<string>? touched, string kind, string version)
    {
        var unchanged = touched is null ? StoredMembers.SameAs(obj, stored) : StoredMembers.Outside(obj, touched);
        var buffer = t_checkBuffer ??= new ArrayBufferWriter<byte>();
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, HttpJson.WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < obj.Count; i++)
            {
                if (unchanged.Contains(i)) continue;
                var (name, value) = obj.GetAt(i);
                writer.WritePropertyName(name);
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        Check(buffer.WrittenSpan, kind, version);
        if (buffer.Capacity > 1 << 20) t_checkBuffer = null;
    }

    void Check(ReadOnlySpan<byte> json, string kind, string version)
    {
        try
        {
            CheckFits(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw Errors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {Clean(e.Message)}");
        }
    }

    // System.Text.Json messages name .NET types and line numbers; keep the part a user can act on.
    static string Clean(string message)
    {
        // "... Path: $.spec.containers | LineNumber: 0 | BytePositionInLine: 42.": the position goes with its separator.
        var cut = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Replace("k8s.Models.", "", StringComparison.Ordinal);
    }

    public static ObjectCodec For<T>() => new Typed<T>();

    /// <summary>The object as its model type, for the core's rules (which work on KubernetesClient models).</summary>
    public static T As<T>(JsonObject obj, JsonSerializerOptions? options = null) => obj.Deserialize<T>(options ?? ModelOptions)!;

    /// <summary>A stored object's UTF-8 JSON as its model type, without building a JSON tree or a string first.</summary>
    public static T As<T>(ReadOnlySpan<byte> json, JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(json, options ?? ModelOptions)!;

    // What is decoded here lives as long as the request: no string sharing (that is for the components' caches).
    static JsonSerializerOptions ModelOptions => PodLife.Core.Client.ModelJson.TransientOptions;

    /// <summary>A model object as JSON.</summary>
    public static JsonObject FromModel<T>(T model) => JsonNode.Parse(KubernetesJson.Serialize(model))!.AsObject();

    /// <summary>A model object as JSON, as <see cref="FromModel"/> makes it, without the detour through a string.</summary>
    public static JsonObject ToJson<T>(T model) => JsonSerializer.SerializeToNode(model, ModelOptions)!.AsObject();

    sealed class Typed<T> : ObjectCodec
    {
        public override Type ModelType => typeof(T);
        protected override void CheckFits(ReadOnlySpan<byte> json) => _ = JsonSerializer.Deserialize<T>(json, ModelOptions);
    }

    internal static byte[] Utf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, HttpJson.SerializerOptions);
}
