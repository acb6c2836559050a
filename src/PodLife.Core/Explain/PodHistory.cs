namespace PodLife.Core.Explain;

/// <summary>A pod's recorded lifecycle transitions, oldest first (PodLife's podtimelines; absent on other clusters).</summary>
public sealed record PodHistory(IReadOnlyList<PodTransition> Transitions)
{
    /// <summary>The time spent in each stage: from one transition to the next, the last one up to <paramref name="now"/>.</summary>
    public IReadOnlyList<StageSpan> Spans(DateTimeOffset now)
    {
        var ordered = Transitions.OrderBy(t => t.At).ToList();
        return ordered.Select((t, i) =>
        {
            var last = i == ordered.Count - 1;
            var end = last ? now : ordered[i + 1].At;
            return new StageSpan(t.Stage, t.Detail, t.At, end - t.At, last);
        }).ToList();
    }
}
