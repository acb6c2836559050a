namespace PodLife.ApiServer.Protobuf;

/// <summary>A protobuf body that cannot be decoded; the API server answers it with 400 BadRequest.</summary>
public sealed class ProtobufException(string message) : Exception(message);
