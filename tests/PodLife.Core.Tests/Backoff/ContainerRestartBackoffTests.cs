using Microsoft.Extensions.Time.Testing;
using PodLife.Core.Backoff;

namespace PodLife.Core.Tests.Backoff;

// kuberuntime_manager.go doBackOff with kubelet's 10s..300s policy (spec section 7): the first restart is
// immediate, then CrashLoopBackOff waits 10s, 20s, 40s, 1m20s, 2m40s, 5m0s, 5m0s measured from finishedAt.
public class ContainerRestartBackoffTests
{
    [Fact]
    public void ACrashingContainerWaitsTenSecondsMoreEachTimeUpToFiveMinutes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        BackoffEntry? entry = null;
        var waits = new List<string>();
        for (var exit = 0; exit < 9; exit++)
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // the container runs one second, then exits
            var finishedAt = clock.GetUtcNow();
            var decision = ContainerRestartBackoff.Decide(entry, finishedAt, clock.GetUtcNow());
            var waited = TimeSpan.Zero;
            while (decision.InBackOff)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                waited += TimeSpan.FromSeconds(1);
                decision = ContainerRestartBackoff.Decide(decision.Entry, finishedAt, clock.GetUtcNow());
            }
            waits.Add(PodLife.Core.Printing.GoDuration.Format(waited));
            entry = decision.Entry;
        }
        Assert.Equal(["0s", "10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s", "5m0s"], waits);
    }

    [Fact]
    public void TheWaitingMessageNamesTheCurrentDelay()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var decision = ContainerRestartBackoff.Decide(new BackoffEntry(TimeSpan.FromSeconds(40), now), now, now.AddSeconds(5));
        Assert.True(decision.InBackOff);
        Assert.Equal("back-off 40s restarting failed container=c pod=p_ns(uid-1)",
            ContainerRestartBackoff.WaitingMessage(decision.Delay, "c", "p", "ns", "uid-1"));
    }

    [Theory]
    [InlineData(10, "back-off 10s restarting failed container=app pod=web_default(7a1c)")]
    [InlineData(80, "back-off 1m20s restarting failed container=app pod=web_default(7a1c)")]
    [InlineData(300, "back-off 5m0s restarting failed container=app pod=web_default(7a1c)")]
    public void WaitingMessagesUseGoDurations(int seconds, string expected) =>
        Assert.Equal(expected, ContainerRestartBackoff.WaitingMessage(TimeSpan.FromSeconds(seconds), "app", "web", "default", "7a1c"));

    [Fact]
    public void TheEventMessageMatchesKubelet() =>
        Assert.Equal("Back-off restarting failed container app in pod web_default(7a1c)",
            ContainerRestartBackoff.EventMessage("app", "web", "default", "7a1c"));

    [Fact]
    public void AContainerThatRanLongerThanTenMinutesRestartsAtOnceAndStartsOverAtTenSeconds()
    {
        var lastRestart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new BackoffEntry(TimeSpan.FromMinutes(5), lastRestart);
        var finishedAt = lastRestart.AddMinutes(11);
        var decision = ContainerRestartBackoff.Decide(entry, finishedAt, finishedAt);
        Assert.False(decision.InBackOff);
        Assert.Equal(TimeSpan.FromSeconds(10), decision.Delay);
    }

    [Fact]
    public void KeysIdentifyPodAndContainer() =>
        Assert.Equal("web_default_7a1c_app_", ContainerRestartBackoff.Key("web", "default", "7a1c", "app"));
}
