namespace PodLife.Scheduler.Scoring;

/// <summary>Score scale and helpers shared by the score plugins (framework.MaxNodeScore, helper.DefaultNormalizeScore).</summary>
public static class NodeScore
{
    public const long Max = 100;

    /// <summary>Scales scores so the highest becomes 100; reversed, the highest becomes 0. All-zero stays 0 (or 100 when reversed).</summary>
    public static void NormalizeToMax(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var s in scores)
            max = Math.Max(max, s);
        for (var i = 0; i < scores.Length; i++)
        {
            if (max == 0)
            {
                if (reverse)
                    scores[i] = Max;
                continue;
            }
            var scaled = Max * scores[i] / max;
            scores[i] = reverse ? Max - scaled : scaled;
        }
    }
}
