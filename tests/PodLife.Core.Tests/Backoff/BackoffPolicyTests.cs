using PodLife.Core.Backoff;

namespace PodLife.Core.Tests.Backoff;

// Ported from staging/src/k8s.io/client-go/util/flowcontrol/backoff_test.go (TestSlowBackoff, TestBackoffReset,
// TestBackoffHightWaterMark, TestBackoffGC, TestIsInBackOffSinceUpdate), with a 1s step.
public class BackoffPolicyTests
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static DateTimeOffset At(int ticks) => Start + ticks * Step;

    [Fact]
    public void TheDelayDoublesFromTheInitialValueUpToTheCap()
    {
        var policy = new BackoffPolicy(Step, 50 * Step);
        BackoffEntry? entry = null;
        var seen = new List<double>();
        for (var i = 1; i <= 10; i++)
        {
            seen.Add(entry?.Delay.TotalSeconds ?? 0);
            entry = policy.Next(entry, At(i), At(i));
        }
        Assert.Equal([0, 1, 2, 4, 8, 16, 32, 50, 50, 50], seen);
    }

    [Fact]
    public void AnEntryUnchangedForMoreThanTwiceTheCapNoLongerHoldsBack()
    {
        var policy = new BackoffPolicy(Step, 5 * Step);
        BackoffEntry? entry = null;
        for (var i = 1; i <= 6; i++) entry = policy.Next(entry, At(i), At(i));
        Assert.True(policy.IsInBackOffSince(entry, At(6), At(6)));
        Assert.False(policy.IsInBackOffSince(entry, At(6), At(6 + 11)));
    }

    [Fact]
    public void WithinTwiceTheCapTheDelayStaysAtTheCap()
    {
        var policy = new BackoffPolicy(Step, 5 * Step);
        BackoffEntry? entry = null;
        for (var i = 1; i <= 6; i++) entry = policy.Next(entry, At(i), At(i));
        entry = policy.Next(entry, At(12), At(12));
        Assert.Equal(5 * Step, entry.Delay);
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void EntriesExpireAfterTwiceTheCap(int secondsSinceUpdate, bool expired)
    {
        var policy = new BackoffPolicy(Step, 5 * Step);
        var entry = new BackoffEntry(5 * Step, Start);
        Assert.Equal(expired, policy.HasExpired(entry, At(secondsSinceUpdate)));
    }

    // (tick, inBackOff, delay while in back-off) straight from TestIsInBackOffSinceUpdate; a sync outside the
    // window calls Next, as kubelet's image manager does after a failed pull.
    [Fact]
    public void IsInBackOffSinceUpdateFollowsTheClientGoTable()
    {
        int[][] cases =
        [
            [0, 0, 0], [1, 0, 1], [2, 1, 2], [3, 0, 2], [4, 1, 4], [5, 1, 4], [6, 1, 4], [7, 0, 4], [8, 1, 8],
            [9, 1, 8], [10, 1, 8], [11, 1, 8], [12, 1, 8], [13, 1, 8], [14, 1, 8], [15, 0, 8], [16, 1, 10],
            [17, 1, 10], [18, 1, 10], [19, 1, 10], [20, 1, 10], [21, 1, 10], [22, 1, 10], [23, 1, 10], [24, 1, 10],
            [25, 0, 10], [26, 1, 10], [27, 1, 10], [28, 1, 10], [29, 1, 10], [30, 1, 10], [31, 1, 10], [32, 1, 10],
            [33, 1, 10], [34, 1, 10], [35, 0, 10], [56, 0, 0], [57, 0, 1],
        ];
        var policy = new BackoffPolicy(Step, 10 * Step);
        BackoffEntry? entry = null;
        foreach (var c in cases)
        {
            var (now, inBackOff, delay) = (At(c[0]), c[1] == 1, c[2] * Step);
            Assert.Equal((c[0], inBackOff), (c[0], policy.IsInBackOffSinceUpdate(entry, now)));
            if (inBackOff) Assert.Equal(delay, entry!.Delay);
            else entry = policy.Next(entry, now, now);
        }
    }

    [Fact]
    public void NoEntryMeansNoBackOff()
    {
        Assert.False(BackoffPolicy.ContainerRestart.IsInBackOffSince(null, Start, Start));
        Assert.False(BackoffPolicy.ImagePull.IsInBackOffSinceUpdate(null, Start));
    }

    [Fact]
    public void InvalidParametersAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy(TimeSpan.Zero, Step));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffPolicy(2 * Step, Step));
    }
}
