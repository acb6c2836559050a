using PodLife.Scheduler.LeaderElection;

namespace PodLife.Scheduler.Service;

/// <summary>Settings of the scheduler process, with kube-scheduler's defaults.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Only pods whose spec.schedulerName is this are scheduled; others are left alone.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Seed for tie-breaking between equally scored nodes; null for a random seed.</summary>
    public int? Seed { get; init; }

    /// <summary>0 = kube-scheduler's adaptive percentage.</summary>
    public int PercentageOfNodesToScore { get; init; }

    public LeaderElectionOptions LeaderElection { get; init; } = new() { LeaseName = "kube-scheduler" };

    /// <summary>How often the informers relist everything, as a safety net behind the watches.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);
}
