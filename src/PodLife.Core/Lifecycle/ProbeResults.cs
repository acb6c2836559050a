namespace PodLife.Core.Lifecycle;

/// <summary>What the probe workers know about one container: which probes it has and whether they have passed.</summary>
public sealed record ProbeResults(
    bool HasStartupProbe = false, bool StartupSucceeded = false,
    bool HasReadinessProbe = false, bool ReadinessSucceeded = false)
{
    /// <summary>A container without startup or readiness probes.</summary>
    public static ProbeResults None { get; } = new();
}
