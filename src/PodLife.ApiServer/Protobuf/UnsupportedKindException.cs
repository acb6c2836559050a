namespace PodLife.ApiServer.Protobuf;

/// <summary>A protobuf body of a kind this server cannot decode from protobuf (the client should send JSON).</summary>
public sealed class UnsupportedKindException(string apiVersion, string kind)
    : Exception($"{kind} in version \"{apiVersion}\" cannot be decoded from protobuf by this server; send it as application/json")
{
    public string ApiVersion { get; } = apiVersion;
    public string Kind { get; } = kind;
}
