using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Scheduler.Api;

namespace PodLife.Scheduler.LeaderElection;

/// <summary>
/// Keeps trying to acquire or renew a coordination.k8s.io/v1 Lease every retry period; the writes are compare-and-swap on
/// resourceVersion, so of two replicas only one can win. Leadership is dropped when renewals fail for the renew deadline.
/// </summary>
public sealed class LeaderElector(IClusterApi api, LeaderElectionOptions options, TimeProvider time, ILogger<LeaderElector> logger)
{
    volatile bool _leader = !options.Enabled;
    DateTimeOffset _lastRenew;
    DateTimeOffset _observedAt;
    string? _observedRecord;

    public bool IsLeader => _leader;

    public string Identity => options.Identity;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Enabled)
            return;
        while (!ct.IsCancellationRequested)
        {
            await TryAcquireOrRenewAsync(ct);
            await Task.Delay(options.RetryPeriod, time, ct);
        }
    }

    /// <summary>One attempt; public so tests can step it with a fake clock.</summary>
    public async Task TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var current = await api.GetLeaseAsync(options.LeaseNamespace, options.LeaseName, ct);
            var record = $"{current?.Spec?.HolderIdentity}|{current?.Spec?.RenewTime:O}";
            if (record != _observedRecord)
            {
                _observedRecord = record;
                _observedAt = now;
            }
            var wanted = LeaseClaim.Decide(current, options.LeaseNamespace, options.LeaseName, options.Identity, _observedAt, now, options.LeaseDuration);
            if (wanted is null)
            {
                SetLeader(false);
                return;
            }
            var written = current is null ? await api.CreateLeaseAsync(wanted, ct) : await api.ReplaceLeaseAsync(wanted, ct);
            _observedRecord = $"{written.Spec?.HolderIdentity}|{written.Spec?.RenewTime:O}";
            _observedAt = now;
            _lastRenew = now;
            SetLeader(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A conflict means another replica wrote first; any failure past the renew deadline loses leadership.
            logger.LogDebug(e, "lease {Name} not acquired", options.LeaseName);
            if (_leader && now - _lastRenew >= options.RenewDeadline)
                SetLeader(false);
        }
    }

    void SetLeader(bool leader)
    {
        if (leader != _leader)
            logger.LogInformation("{Identity} {State} lease {Namespace}/{Name}", options.Identity, leader ? "acquired" : "lost", options.LeaseNamespace, options.LeaseName);
        _leader = leader;
    }
}
