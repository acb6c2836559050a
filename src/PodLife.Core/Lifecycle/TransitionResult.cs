using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The outcome of a container state transition: allowed (with the resulting status, when one was computed) or rejected with a reason.</summary>
public sealed record TransitionResult(bool IsAllowed, string? Error, V1ContainerStatus? Status)
{
    public static TransitionResult Allowed(V1ContainerStatus? status = null) => new(true, null, status);

    public static TransitionResult Rejected(string error) => new(false, error, null);
}
