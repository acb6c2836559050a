using PodLife.Scheduler.Framework;

namespace PodLife.Scheduler.Tests;

// Values from pkg/scheduler/schedule_one_test.go TestNumFeasibleNodesToFind.
public class NodesToFindTests
{
    [Theory]
    [InlineData(10, 0, 10)]
    [InlineData(99, 0, 99)]
    [InlineData(1000, 0, 420)]
    [InlineData(1000, 40, 400)]
    [InlineData(6000, 0, 300)]
    [InlineData(5000, 0, 500)]
    [InlineData(10, 40, 10)]
    [InlineData(1000, 1, 100)]
    [InlineData(1000, 100, 1000)]
    public void FeasibleNodesToFindFollowTheAdaptivePercentage(int nodes, int percentage, int expected) =>
        Assert.Equal(expected, NodesToFind.For(nodes, percentage));
}
