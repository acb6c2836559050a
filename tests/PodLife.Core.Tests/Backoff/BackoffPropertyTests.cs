using CsCheck;
using PodLife.Core.Backoff;

namespace PodLife.Core.Tests.Backoff;

// Invariants of kubelet's back-off over arbitrary failure timelines.
public class BackoffPropertyTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Seconds between successive failures; up to 20 minutes so that expiry (more than 10 minutes) happens too.
    static readonly Gen<int[]> Gaps = Gen.Int[0, 1200].Array[1, 30];

    [Fact]
    public void TheDelayStaysBetweenTenSecondsAndFiveMinutesAndOnlyDropsAfterAnExpiry() =>
        Gaps.Sample(gaps =>
        {
            var policy = BackoffPolicy.ContainerRestart;
            BackoffEntry? entry = null;
            var now = T0;
            foreach (var gap in gaps)
            {
                now = now.AddSeconds(gap);
                var expired = entry is not null && policy.HasExpired(entry, now);
                var next = policy.Next(entry, now, now);
                Assert.InRange(next.Delay, policy.Initial, policy.Max);
                if (entry is not null && !expired) Assert.True(next.Delay >= entry.Delay, $"{entry.Delay} -> {next.Delay}");
                if (expired) Assert.Equal(policy.Initial, next.Delay);
                entry = next;
            }
        });

    [Fact]
    public void AContainerIsNeverHeldBackLongerThanItsDelay() =>
        Gen.Select(Gaps, Gen.Int[0, 400]).Sample((gaps, wait) =>
        {
            BackoffEntry? entry = null;
            var finishedAt = T0;
            foreach (var gap in gaps)
            {
                finishedAt = finishedAt.AddSeconds(gap);
                entry = ContainerRestartBackoff.Decide(entry, finishedAt, finishedAt).Entry;
            }
            var decision = ContainerRestartBackoff.Decide(entry, finishedAt, finishedAt.AddSeconds(wait));
            if (decision.InBackOff) Assert.True(TimeSpan.FromSeconds(wait) < decision.Delay);
            Assert.InRange(decision.Delay, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
        });
}
