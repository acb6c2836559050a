using PodLife.Node.Pods;

namespace PodLife.Node.Tests.Pods;

public sealed class StableJitterTests
{
    static List<double> Draws(string seedText, int count)
    {
        var state = StableJitter.Seed(seedText);
        return [.. Enumerable.Range(0, count).Select(_ => StableJitter.Next(ref state))];
    }

    [Fact]
    public void The_same_pod_draws_the_same_sequence_and_another_pod_another()
    {
        Assert.Equal(Draws("0b6a1c2e-uid", 5), Draws("0b6a1c2e-uid", 5));
        Assert.NotEqual(Draws("0b6a1c2e-uid", 5), Draws("0b6a1c2f-uid", 5));
    }

    [Fact]
    public void Draws_are_spread_evenly_over_zero_to_one()
    {
        var draws = Draws("pod", 100_000);

        Assert.All(draws, d => Assert.InRange(d, 0.0, 0.9999999999));
        // Ten equal bins of 10,000 expected draws each; a skewed generator misses by far more than 5%.
        var bins = draws.GroupBy(d => (int)(d * 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, bins.Count);
        Assert.All(bins.Values, n => Assert.InRange(n, 9_500, 10_500));
    }
}
