namespace PodLife.Scheduler.LeaderElection;

/// <summary>Lease-based leader election settings, with kube-scheduler's and kube-controller-manager's defaults.</summary>
public sealed record LeaderElectionOptions
{
    public bool Enabled { get; init; } = true;
    public string LeaseNamespace { get; init; } = "kube-system";
    public string LeaseName { get; init; } = "kube-scheduler";
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid()}";
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
