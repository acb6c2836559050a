namespace PodLife.Core.Backoff;

/// <summary>What kubelet does with an exited container: restart it now, or wait in CrashLoopBackOff.</summary>
/// <param name="InBackOff">True while the back-off window from the container's finishedAt is still open.</param>
/// <param name="Entry">The entry to keep for the container: unchanged while waiting, advanced on restart.</param>
public sealed record RestartDecision(bool InBackOff, BackoffEntry Entry)
{
    /// <summary>The delay shown in the CrashLoopBackOff message while waiting.</summary>
    public TimeSpan Delay => Entry.Delay;
}
