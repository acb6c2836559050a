namespace PodLife.Bench.Reporting;

/// <summary>Nearest-rank percentiles, the way every benchmark here reports them.</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th value of <paramref name="values"/> (NaN when empty).</summary>
    public static double Of(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
