using k8s.Models;

namespace PodLife.Scheduler.LeaderElection;

/// <summary>
/// client-go leaderelection tryAcquireOrRenew as a pure rule: a candidate may write the Lease when it holds it already,
/// when nobody does, or when the holder's record has not changed for a whole lease duration by the candidate's own clock.
/// </summary>
public static class LeaseClaim
{
    /// <param name="observedAt">When this candidate last saw the lease record change (client-go's observedTime).</param>
    /// <returns>The lease to write (create when <paramref name="current"/> is null, else replace), or null to keep following.</returns>
    public static V1Lease? Decide(V1Lease? current, string ns, string name, string identity, DateTimeOffset observedAt, DateTimeOffset now, TimeSpan leaseDuration)
    {
        var spec = current?.Spec;
        var holder = spec?.HolderIdentity;
        var ours = holder == identity;
        if (!ours && !string.IsNullOrEmpty(holder) && now < observedAt + leaseDuration)
            return null;

        var stamp = now.UtcDateTime;
        return new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = current?.Metadata?.ResourceVersion },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = identity,
                LeaseDurationSeconds = (int)leaseDuration.TotalSeconds,
                AcquireTime = ours ? spec!.AcquireTime : stamp,
                RenewTime = stamp,
                LeaseTransitions = (spec?.LeaseTransitions ?? 0) + (ours || current is null ? 0 : 1),
            },
        };
    }
}
