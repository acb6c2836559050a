using PodLife.Node.Agent;

namespace PodLife.Node.Tests;

// Every simulated node gets its own pod /24, also past the 3,072 that fit between 10.244 and 10.255 (bench scale runs 5,000).
public sealed class SimulatedNodeCidrTests
{
    [Theory]
    [InlineData(1, "10.244.1.0/24")]
    [InlineData(255, "10.244.255.0/24")]
    [InlineData(256, "10.245.0.0/24")]
    [InlineData(3071, "10.255.255.0/24")]
    [InlineData(3072, "10.0.0.0/24")]
    [InlineData(5000, "10.7.136.0/24")]
    public void NodeIGetsItsSlash24(int i, string cidr) => Assert.Equal(cidr, SimulatedNodes.PodCidr(i));

    [Fact]
    public void FiveThousandNodesGetDistinctRanges()
    {
        var cidrs = Enumerable.Range(1, 5000).Select(SimulatedNodes.PodCidr).ToList();
        Assert.Equal(cidrs.Count, cidrs.Distinct().Count());
    }
}
