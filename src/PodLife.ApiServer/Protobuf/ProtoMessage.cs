namespace PodLife.ApiServer.Protobuf;

/// <summary>A protobuf message's fields by number (from k8s.io/api and apimachinery generated.proto).</summary>
public sealed class ProtoMessage(IReadOnlyDictionary<int, ProtoField> fields)
{
    public IReadOnlyDictionary<int, ProtoField> Fields { get; } = fields;
}
