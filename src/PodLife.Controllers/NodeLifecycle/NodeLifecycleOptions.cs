namespace PodLife.Controllers.NodeLifecycle;

/// <summary>kube-controller-manager's node lifecycle settings, with their defaults.</summary>
public sealed record NodeLifecycleOptions
{
    public TimeSpan MonitorPeriod { get; init; } = NodeMonitor.DefaultPeriod;
    public TimeSpan GracePeriod { get; init; } = NodeMonitor.DefaultGracePeriod;
    public TimeSpan StartupGracePeriod { get; init; } = NodeMonitor.DefaultStartupGracePeriod;
}
