using PodLife.Controllers.NodeLifecycle;
using PodLife.Controllers.PodGc;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>Settings of the controllers process, with kube-controller-manager's defaults.</summary>
public sealed record ControllersOptions
{
    public NodeLifecycleOptions NodeLifecycle { get; init; } = new();
    public int TerminatedPodGcThreshold { get; init; } = PodGarbageRules.DefaultTerminatedThreshold;
    public LeaderElectionOptions LeaderElection { get; init; } = new() { LeaseName = "kube-controller-manager" };
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The cluster CA (PEM) the root CA publisher puts in every namespace's kube-root-ca.crt; null: no publisher.</summary>
    public string? RootCaPem { get; init; }
    /// <summary>Whether the endpoints and endpointslice controllers run (they write through an IKubernetes the host provides).</summary>
    public bool Endpoints { get; init; }
}
