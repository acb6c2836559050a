using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Protobuf;

/// <summary>
/// Kubernetes' protobuf body: the magic bytes "k8s\0" and a runtime.Unknown {typeMeta, raw, contentEncoding, contentType}
/// whose raw bytes are the object's own message (k8s.io/apimachinery/pkg/runtime/serializer/protobuf).
/// </summary>
public static class ProtobufEnvelope
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    static readonly byte[] Magic = "k8s\0"u8.ToArray();

    static readonly ProtoMessage Unknown = new(new Dictionary<int, ProtoField>
    {
        [1] = new("typeMeta", ProtoKind.Message, new(new Dictionary<int, ProtoField>
        {
            [1] = new("apiVersion", ProtoKind.String), [2] = new("kind", ProtoKind.String),
        })),
        [2] = new("raw", ProtoKind.Bytes),
        [3] = new("contentEncoding", ProtoKind.String),
    });

    /// <summary>The object as JSON with its apiVersion and kind, or a <see cref="ProtobufException"/>.</summary>
    /// <exception cref="UnsupportedKindException">The envelope is sound but this server has no schema for its kind.</exception>
    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        if (!body.Span.StartsWith(Magic)) throw new ProtobufException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        var envelope = ProtoJson.Decode(Unknown, body[Magic.Length..]);
        var apiVersion = envelope["typeMeta"]?["apiVersion"]?.GetValue<string>() ?? "";
        var kind = envelope["typeMeta"]?["kind"]?.GetValue<string>() ?? "";
        if (kind.Length == 0) throw new ProtobufException("Object 'Kind' is missing in protobuf body");
        if (envelope["contentEncoding"] is not null) throw new ProtobufException("content encodings are not supported");
        var schema = KubernetesProtoSchemas.For(apiVersion, kind) ?? throw new UnsupportedKindException(apiVersion, kind);
        var raw = envelope["raw"] is { } r ? Convert.FromBase64String(r.GetValue<string>()) : [];
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in ProtoJson.Decode(schema, raw).ToList())
            obj[name] = value?.DeepClone();
        return obj;
    }
}
