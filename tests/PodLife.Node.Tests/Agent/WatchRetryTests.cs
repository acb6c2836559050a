using PodLife.Node.Agent;

namespace PodLife.Node.Tests.Agent;

public class WatchRetryTests
{
    [Fact]
    public void TheDelayDoublesFromOneSecondAndStopsAtThirty()
    {
        var delays = new List<double>();
        var d = WatchRetry.Initial;
        for (var i = 0; i < 8; i++) { delays.Add(d.TotalSeconds); d = WatchRetry.Next(d); }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }
}
