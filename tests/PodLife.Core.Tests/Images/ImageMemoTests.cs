using PodLife.Core.Images;

namespace PodLife.Core.Tests.Images;

// The remembered parses and the plain-ASCII quoting path must answer exactly as the full paths do.
public class ImageMemoTests
{
    [Fact]
    public void QuotingPlainAsciiIsTheSameAsThePerCharacterPath()
    {
        // A printable non-ASCII character sends a string down the per-character path; with it removed again the
        // result must be what the plain path gives for the same characters.
        for (var c = (char)0; c < 0x80; c++)
        {
            var plain = GoQuote.Quote("a" + c + "b");
            var full = GoQuote.Quote("é" + "a" + c + "b");
            Assert.Equal(full.Remove(1, 1), plain);
        }
        Assert.Equal("\"nginx:1.25\"", GoQuote.Quote("nginx:1.25"));
        Assert.Equal("\"a\\\"b\\\\c\"", GoQuote.Quote("a\"b\\c"));
        Assert.Equal("\"\"", GoQuote.Quote(""));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("registry.k8s.io/pause:3.10")]
    [InlineData("nginx@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    [InlineData("Nginx")]
    [InlineData("")]
    [InlineData("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    public void ARememberedParseIsTheSameAsTheFirst(string image)
    {
        var first = Parse(image);
        Assert.Equal(first, Parse(image));
        for (var i = 0; i < 5000; i++) Assert.True(ImageReference.TryParse($"img{i}:v1", out _, out _));
        Assert.Equal(first, Parse(image));
    }

    static (bool, string?, string?, string?, string?, bool, string?) Parse(string image)
    {
        var ok = ImageReference.TryParse(image, out var r, out var error);
        return (ok, r?.Domain, r?.Path, r?.Tag, r?.Digest, r?.IsTagDefaulted ?? false, error);
    }
}
