using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Canonical forms from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse, TestQuantityString).
public class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1.0", "1")]
    [InlineData("1000", "1k")]
    [InlineData("1500", "1500")]
    [InlineData("10000", "10k")]
    [InlineData("1e3", "1e3")]
    [InlineData("12e-3", "12e-3")]
    [InlineData("1E6", "1e6")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1024Ki", "1Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("911187.5Ki", "933056000")] // a BinarySI integer that is no whole number of Ki prints bare
    [InlineData("933056000", "933056k")]
    [InlineData("1023", "1023")]
    [InlineData("10Gi", "10Gi")]
    [InlineData("128974848", "128974848")]
    [InlineData("129e6", "129e6")]
    [InlineData("123Mi", "123Mi")]
    [InlineData("0.1n", "1n")]
    [InlineData("-1", "-1")]
    [InlineData("-100m", "-100m")]
    [InlineData("+5", "5")]
    [InlineData("1.G", "1G")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    public void ParsesAndPrintsTheCanonicalForm(string text, string canonical) =>
        Assert.Equal(canonical, Quantity.Parse(text).ToString());

    [Theory]
    [InlineData("", Quantity.FormatError)]
    [InlineData("abc", Quantity.FormatError)]
    [InlineData("1Qi", Quantity.FormatError)]
    [InlineData("1.5.5", Quantity.FormatError)]
    [InlineData("1 ", Quantity.FormatError)]
    [InlineData(" 1", Quantity.FormatError)]
    [InlineData("1e", Quantity.SuffixError)]
    [InlineData("1i", Quantity.SuffixError)]
    [InlineData("1KiB", Quantity.FormatError)]
    public void RefusesTextThatIsNoQuantity(string text, string error)
    {
        Assert.False(Quantity.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("500m", "0.5", 0)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("100m", "1", -1)]
    [InlineData("-1", "0", -1)]
    public void ComparesByValueWhateverTheNotation(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(Quantity.Parse(a).CompareTo(Quantity.Parse(b))));

    [Theory]
    [InlineData("100n", "1m")]
    [InlineData("1.5m", "2m")]
    [InlineData("-1.5m", "-2m")]
    [InlineData("250m", "250m")]
    [InlineData("1Gi", "1Gi")]
    public void RoundsUpToMilliUnits(string text, string rounded) =>
        Assert.Equal(rounded, Quantity.Parse(text).RoundUp(-3).ToString());

    [Fact]
    public void AddsExactly() => Assert.Equal("1100m", Quantity.Parse("100m").Add(Quantity.Parse("1")).ToString());

    [Fact]
    public void HugeValuesAreClampedNotOverflowed() =>
        Assert.Equal("9223372036854775807", Quantity.Parse("1e999").ToString());
}
