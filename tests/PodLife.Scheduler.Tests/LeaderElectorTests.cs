using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Tests.Fakes;

namespace PodLife.Scheduler.Tests;

// client-go tools/leaderelection semantics: leaseDuration 15s, renewDeadline 10s; the follower trusts its own clock.
public class LeaderElectorTests
{
    readonly FakeClusterApi _api = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    LeaderElector Elector(string identity) =>
        new(_api, new LeaderElectionOptions { Identity = identity, LeaseName = "kube-scheduler" }, _time, NullLogger<LeaderElector>.Instance);

    [Fact]
    public async Task TheFirstCandidateLeadsAndTheOtherTakesOverOnlyAfterALeaseDurationOfSilence()
    {
        var a = Elector("a");
        var b = Elector("b");

        await a.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        await b.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);

        // a keeps renewing: b never gets it.
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            await a.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
            await b.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        }
        Assert.False(b.IsLeader);

        // a falls silent: b waits 15s from the last change it saw.
        _time.Advance(TimeSpan.FromSeconds(14));
        await b.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        Assert.False(b.IsLeader);
        _time.Advance(TimeSpan.FromSeconds(1));
        await b.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        Assert.True(b.IsLeader);

        var lease = _api.Get<k8s.Models.V1Lease>("kube-system", "kube-scheduler")!;
        Assert.Equal(("b", 15, 1), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds, lease.Spec.LeaseTransitions));

        await a.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);
        Assert.False(a.IsLeader);
    }

    [Fact]
    public void ALeaseHeldByNobodyIsTakenAtOnceAndRenewingKeepsTheAcquireTime()
    {
        var now = _time.GetUtcNow();
        var created = LeaseClaim.Decide(null, "kube-system", "l", "me", now, now, TimeSpan.FromSeconds(15))!;
        var renewed = LeaseClaim.Decide(created, "kube-system", "l", "me", now, now.AddSeconds(2), TimeSpan.FromSeconds(15))!;

        Assert.Equal(now.UtcDateTime, renewed.Spec.AcquireTime);
        Assert.Equal(now.AddSeconds(2).UtcDateTime, renewed.Spec.RenewTime);
        Assert.Equal(0, renewed.Spec.LeaseTransitions);
        Assert.Null(LeaseClaim.Decide(created, "kube-system", "l", "other", now, now.AddSeconds(14), TimeSpan.FromSeconds(15)));
    }
}
