using PodLife.Core.Hosting;

namespace PodLife.Core.Tests.Hosting;

public sealed class EveryCoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EveryIndexIsInExactlyOneRange(int count)
    {
        var seen = new int[count];
        var ranges = 0;

        EveryCore.Split(count, (from, to) =>
        {
            Interlocked.Increment(ref ranges);
            for (var i = from; i < to; i++) Interlocked.Increment(ref seen[i]);
        });

        Assert.All(seen, times => Assert.Equal(1, times));
        Assert.InRange(ranges, 1, Math.Max(1, Math.Min(count, Environment.ProcessorCount)));
    }

    [Fact]
    public void ARangesExceptionIsThrownAsItself()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            EveryCore.Split(100, (from, to) => throw new InvalidOperationException($"range {from}-{to}")));

        Assert.StartsWith("range ", error.Message);
    }
}
