using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Tests.Runtime;

/// <summary>Command lines read as getopt_long reads them (what wget and curl are given in tutorials).</summary>
public sealed class ToolOptionsTests
{
    static string Read(string[] args, string shortWithValue, params string[] longWithValue)
    {
        var (options, operands) = ToolOptions.Parse(args, shortWithValue, longWithValue);
        return string.Join(" ", options.Select(o => $"{o.Name}={o.Value}")) + " | " + string.Join(" ", operands);
    }

    [Fact]
    public void ShortClustersLongOptionsAndOperandsAreTakenApart()
    {
        Assert.Equal("q= O=- | http://web", Read(["-qO-", "http://web"], "OT"));
        Assert.Equal("q= O=- T=5 | web", Read(["-q", "-O", "-", "-T5", "web"], "OT"));
        Assert.Equal("f= s= S= L= m=3 timeout=2 spider= | a b", Read(["-fsSL", "-m", "3", "a", "--timeout=2", "--spider", "b"], "m", "timeout"));
        Assert.Equal("output=x | ", Read(["--output", "x"], "", "output"));
        Assert.Equal("O= | -", Read(["-O", "-"], "T"));
    }
}
