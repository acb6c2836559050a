namespace PodLife.ApiServer.Protobuf;

/// <summary>A protobuf message's fields by number (from k8s.io/api and apimachinery generated.proto).</summary>
/// <param name="Strict">
/// Unknown field numbers are an error instead of being skipped: for kinds whose schema here is partial (pods), a field
/// this server does not know must not vanish silently from the stored object.
/// </param>
public sealed class ProtoMessage(IReadOnlyDictionary<int, ProtoField> fields, bool Strict = false)
{
    public IReadOnlyDictionary<int, ProtoField> Fields { get; } = fields;

    public bool Strict { get; } = Strict;
}
