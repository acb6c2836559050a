using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>Pod and container restart policies, with the API default applied and unknown values rejected.</summary>
public static class RestartPolicies
{
    public const string Always = "Always";
    public const string OnFailure = "OnFailure";
    public const string Never = "Never";

    /// <summary>The pod's restart policy; an unset one is the API default Always.</summary>
    public static string Of(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.RestartPolicy switch
        {
            null or "" => Always,
            Always or OnFailure or Never => spec.RestartPolicy,
            var other => throw new ArgumentException(
                $"spec.restartPolicy \"{other}\" is not one of Always, OnFailure, Never", nameof(spec)),
        };
    }

    /// <summary>A sidecar is an init container with restartPolicy Always (podutil.IsRestartableInitContainer).</summary>
    public static bool IsSidecar(V1Container container) => container?.RestartPolicy == Always;

    /// <summary>Whether a container that ended with this exit code is started again under the pod's policy.</summary>
    public static bool Restarts(string podRestartPolicy, int exitCode) => podRestartPolicy switch
    {
        Always => true,
        OnFailure => exitCode != 0,
        Never => false,
        _ => throw new ArgumentException(
            $"restart policy \"{podRestartPolicy}\" is not one of Always, OnFailure, Never", nameof(podRestartPolicy)),
    };
}
