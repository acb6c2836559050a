using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The <c>started</c> and <c>ready</c> flags as kubelet's prober manager sets them (pkg/kubelet/prober/prober_manager.go UpdatePodStatus).</summary>
public static class ContainerReadiness
{
    /// <summary>Started: running, and the startup probe (if any) has succeeded.</summary>
    public static bool IsStarted(V1ContainerStatus status, ProbeResults probes)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(probes);
        return status.State?.Running is not null && (!probes.HasStartupProbe || probes.StartupSucceeded);
    }

    /// <summary>Ready for a regular container or sidecar: started, and the readiness probe (if any) has succeeded.</summary>
    public static bool IsReady(V1ContainerStatus status, ProbeResults probes) =>
        IsStarted(status, probes) && (!probes.HasReadinessProbe || probes.ReadinessSucceeded);

    /// <summary>Ready for a regular init container: it exited with code 0.</summary>
    public static bool IsInitContainerDone(V1ContainerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.State?.Terminated is { ExitCode: 0 };
    }

    /// <summary>A copy of the status with <c>started</c> and <c>ready</c> set for a container of the given kind.</summary>
    public static V1ContainerStatus Apply(V1ContainerStatus status, ProbeResults probes, bool isRegularInitContainer = false) =>
        status with
        {
            Started = IsStarted(status, probes),
            Ready = isRegularInitContainer ? IsInitContainerDone(status) : IsReady(status, probes),
        };
}
