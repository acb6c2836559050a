namespace PodLife.Core.History;

/// <summary>Where the pod is now: its lifecycle stage (and since when), phase, kubectl status reason and restarts.</summary>
/// <param name="Reason">kubectl's STATUS column when it says more than the phase (e.g. CrashLoopBackOff), else empty.</param>
public sealed record TimelineCurrent(string Stage, string Phase, string Reason, DateTimeOffset Since, int Restarts);
