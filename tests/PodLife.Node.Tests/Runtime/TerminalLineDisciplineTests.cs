using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Tests.Runtime;

/// <summary>The exec terminal's canonical mode: echo, erase, Enter, ^C and ^D as a pty in cooked mode handles them.</summary>
public sealed class TerminalLineDisciplineTests
{
    [Theory]
    [InlineData("ls\r", "ls\r\n", new[] { "ls" })]
    [InlineData("ls\n", "ls\r\n", new[] { "ls" })]
    [InlineData("lx\x7fs\r", "lx\b \bs\r\n", new[] { "ls" })]
    [InlineData("\x7f\bok\r", "ok\r\n", new[] { "ok" })]
    [InlineData("half", "half", new string[0])]
    [InlineData("sleep 9\x03", "sleep 9^C\r\n", new[] { "" })]
    [InlineData("a\rb\r", "a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("part\x04", "part", new[] { "part" })]
    public void TypingEchoesAndCompletesLines(string typed, string echo, string[] lines)
    {
        var terminal = new TerminalLineDiscipline();
        var (shown, done) = terminal.Type(typed);
        Assert.Equal(echo, shown);
        Assert.Equal(lines, done);
        Assert.False(terminal.EndOfInput);
    }

    [Fact]
    public void ControlDOnAnEmptyLineEndsInputAndIgnoresTheRest()
    {
        var terminal = new TerminalLineDiscipline();
        var (echo, lines) = terminal.Type("\x04more\r");
        Assert.True(terminal.EndOfInput);
        Assert.Equal(("", 0), (echo, lines.Count));
    }

    [Theory]
    [InlineData("a\nb\n", "a\r\nb\r\n")]
    [InlineData("already\r\n", "already\r\n")]
    public void OutputNewlinesBecomeCarriageReturnLineFeed(string text, string shown) =>
        Assert.Equal(shown, TerminalLineDiscipline.Output(text));
}
