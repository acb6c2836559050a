namespace PodLife.ApiServer.Patching;

/// <summary>A patch that cannot be applied, with the HTTP status kube-apiserver answers for it.</summary>
public sealed class PatchException(int statusCode, string message) : Exception(message)
{
    /// <summary>400 for unparseable bodies, 415 for unknown patch types, 422 for patches that do not apply.</summary>
    public int StatusCode { get; } = statusCode;
}
