using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// Cases from k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration).
public class HumanDurationTests
{
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(1, "1s")]
    [InlineData(59, "59s")]
    [InlineData(60, "60s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(60 * 40, "40m")]
    [InlineData(60 * 179, "179m")]
    [InlineData(3600 * 3, "3h")]
    [InlineData(3600 * 5 + 180, "5h3m")]
    [InlineData(3600 * 8 - 1, "7h59m")]
    [InlineData(3600 * 8, "8h")]
    [InlineData(3600 * 26, "26h")]
    [InlineData(3600 * 47 + 3599, "47h")]
    [InlineData(3600 * 48, "2d")]
    [InlineData(3600 * (72 + 4), "3d4h")]
    [InlineData(3600 * 24 * 8, "8d")]
    [InlineData(3600 * 24 * 12, "12d")]
    [InlineData(3600L * 24 * 729, "729d")]
    [InlineData(3600L * 24 * 730, "2y")]
    [InlineData(3600L * 24 * (365 * 2 + 1), "2y1d")]
    [InlineData(3600L * 24 * 365 * 8, "8y")]
    [InlineData(3600L * 24 * 365 * 100, "100y")]
    public void FormatsLikeKubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void FractionsOfASecondAreTruncated() =>
        Assert.Equal("1s", HumanDuration.Format(TimeSpan.FromMilliseconds(1999)));
}
