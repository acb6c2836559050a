using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// Cases from Go's src/time/time_test.go durationTests (TestDurationString) plus kubelet's back-off steps.
public class GoDurationTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(100L, "100ns")]
    [InlineData(2_200L, "2.2µs")]
    [InlineData(3_300_000L, "3.3ms")]
    [InlineData(4_000_000_000L, "4s")]
    [InlineData(1_234_000_000L, "1.234s")]
    [InlineData(5_000_000_000L + 6_000_000_000L * 60, "6m5s")]
    [InlineData(4_000_000_000L * 60 + 5_001_000_000L, "4m5.001s")]
    [InlineData(5L * 3600_000_000_000 + 6 * 60_000_000_000 + 7_001_000_000, "5h6m7.001s")]
    [InlineData(8L * 60_000_000_000 + 100, "8m0.0000001s")]
    [InlineData(-100L, "-100ns")]
    [InlineData(-4_000_000_000L, "-4s")]
    [InlineData(10_000_000_000L, "10s")]
    [InlineData(80_000_000_000L, "1m20s")]
    [InlineData(160_000_000_000L, "2m40s")]
    [InlineData(300_000_000_000L, "5m0s")]
    [InlineData(3600_000_000_000L, "1h0m0s")]
    public void FormatsLikeGoDurationString(long nanoseconds, string expected)
    {
        // TimeSpan holds 100 ns ticks, so every case is a whole number of ticks.
        Assert.Equal(0, nanoseconds % 100);
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(nanoseconds / 100)));
    }

    [Fact]
    public void TheExtremesOfTimeSpanDoNotThrow()
    {
        Assert.StartsWith("-", GoDuration.Format(TimeSpan.MinValue));
        Assert.EndsWith("s", GoDuration.Format(TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData(1_234_567, "1.234s")]
    [InlineData(999, "0s")]
    public void PullDurationsAreTruncatedToMilliseconds(long microseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(GoDuration.TruncateToMilliseconds(TimeSpan.FromMicroseconds(microseconds))));
}
