using System.Collections.Concurrent;
using System.Diagnostics;
using k8s.Models;

namespace PodLife.Cli.Bench;

/// <summary>
/// Splits each pod's create→Ready time into the stages a client can see: the create call answered, the watch showing
/// the pod bound (spec.nodeName), its node's first status (status.startTime, written by the pod worker's first sync),
/// and Ready. Which stage holds the slow pods says which component makes the tail.
/// </summary>
sealed class PodStages
{
    /// <summary>The moments recorded per pod, in the order a pod passes them.</summary>
    public enum Stage { CreateCalled, CreateAnswered, BoundSeen, NodeStatusSeen, ReadySeen }

    static readonly int StageCount = Enum.GetValues<Stage>().Length;
    readonly ConcurrentDictionary<string, long[]> _stamps = new();

    /// <summary>Records the first time <paramref name="pod"/> reached <paramref name="stage"/>.</summary>
    public void Mark(string pod, Stage stage, long timestamp)
    {
        var stamps = _stamps.GetOrAdd(pod, _ => new long[StageCount]);
        Interlocked.CompareExchange(ref stamps[(int)stage], timestamp, 0);
    }

    /// <summary>Records the stages a watch event shows.</summary>
    public void Observe(V1Pod pod, long timestamp)
    {
        var name = pod.Metadata?.Name;
        if (name is null) return;
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName)) Mark(name, Stage.BoundSeen, timestamp);
        if (pod.Status?.StartTime is not null) Mark(name, Stage.NodeStatusSeen, timestamp);
        if (pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true) Mark(name, Stage.ReadySeen, timestamp);
    }

    /// <summary>
    /// One line per stage with its p50/p99 over all pods and its median over the slowest 1% (by create→Ready), then
    /// when the slowest pods were created (seconds after <paramref name="begin"/>).
    /// </summary>
    public IReadOnlyList<string> Report(long begin, IReadOnlyCollection<GcPauses.Pause> pauses, IReadOnlyCollection<GcPauses.Pause> backgroundCollections)
    {
        var complete = _stamps.Values.Where(s => s.All(t => t != 0)).ToList();
        if (complete.Count == 0) return ["stages: no pod passed every stage"];
        var total = (int)Stage.ReadySeen;
        var slow = complete.OrderByDescending(s => s[total] - s[0]).Take(Math.Max(1, complete.Count / 100)).ToList();
        var lines = new List<string> { $"stages of {complete.Count} pods (ms): all p50 / all p99 / median of the slowest {slow.Count}" };
        for (var i = 1; i < StageCount; i++)
        {
            var stage = i;
            lines.Add($"  {(Stage)(i - 1)} -> {(Stage)i}: {Ms(complete, stage, 0.5):0.0} / {Ms(complete, stage, 0.99):0.0} / {Ms(slow, stage, 0.5):0.0}");
        }
        lines.Add($"  total: {Total(complete, 0.5):0.0} / {Total(complete, 0.99):0.0} / {Total(slow, 0.5):0.0}");
        var seconds = slow.GroupBy(s => (int)Stopwatch.GetElapsedTime(begin, s[0]).TotalSeconds).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}s:{g.Count()}");
        lines.Add($"  slowest pods by second of creation: {string.Join(' ', seconds)}");
        lines.Add(Within("GC pause", pauses));
        lines.Add(Within("background gen2 collection running", backgroundCollections));
        return lines;

        string Within(string what, IReadOnlyCollection<GcPauses.Pause> windows) =>
            $"  {what} within the pod's create->Ready: {At(complete.Select(s => OverlapTicks(s, windows)), 0.5):0.0} / "
            + $"{At(complete.Select(s => OverlapTicks(s, windows)), 0.99):0.0} / {At(slow.Select(s => OverlapTicks(s, windows)), 0.5):0.0}";

        static double Ms(List<long[]> pods, int stage, double p) =>
            At(pods.Select(s => s[stage] - s[stage - 1]), p);
        static double Total(List<long[]> pods, double p) =>
            At(pods.Select(s => s[(int)Stage.ReadySeen] - s[0]), p);
    }

    // How much of the pod's create->Ready the windows (GC pauses, background collections) cover.
    static long OverlapTicks(long[] stamps, IReadOnlyCollection<GcPauses.Pause> windows)
    {
        var (from, to) = (stamps[0], stamps[(int)Stage.ReadySeen]);
        var covered = 0L;
        foreach (var window in windows)
        {
            var end = window.Start + (long)(window.Duration.TotalSeconds * Stopwatch.Frequency);
            covered += Math.Max(0, Math.Min(end, to) - Math.Max(window.Start, from));
        }
        return covered;
    }

    static double At(IEnumerable<long> ticks, double p)
    {
        var sorted = ticks.Order().ToList();
        var index = (int)Math.Min(sorted.Count - 1, Math.Max(0, Math.Ceiling(p * sorted.Count) - 1));
        return Stopwatch.GetElapsedTime(0, sorted[index]).TotalMilliseconds;
    }
}
