namespace PodLife.Node.Runtime;

/// <summary>A failed runtime call, worded as kubelet sees a CRI error: <c>rpc error: code = NotFound desc = …</c>.</summary>
public sealed class ContainerRuntimeException(RuntimeErrorCode code, string description)
    : Exception($"rpc error: code = {code} desc = {description}")
{
    /// <summary>The gRPC status code.</summary>
    public RuntimeErrorCode Code { get; } = code;

    /// <summary>The runtime's own message (the gRPC status detail).</summary>
    public string Description { get; } = description;
}
