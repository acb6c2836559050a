namespace PodLife.Bench.Reporting;

/// <summary>
/// The garbage collector's counters at one moment: collections of each generation and the time this process was paused
/// for them, so a benchmark can say how many collections fell within what it timed.
/// </summary>
public readonly record struct CollectorState(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static CollectorState Now() =>
        new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>
    /// "allocated 41.2 MB; GC: 2 collections (gen0 1, gen1 1, gen2 0), paused 14.2 ms; the last, a gen1, kept 9.2 MB of
    /// a 64 MB heap": what was allocated and collected since <paramref name="before"/>.
    /// </summary>
    public string Since(CollectorState before)
    {
        // A gen1 collection also counts as a gen0 one, a gen2 as both: each is reported once, by its highest generation.
        var gen2 = Gen2 - before.Gen2;
        var gen1 = Gen1 - before.Gen1 - gen2;
        var gen0 = Gen0 - before.Gen0 - gen1 - gen2;
        return $"allocated {(Allocated - before.Allocated) / 1e6:F1} MB; GC: {gen0 + gen1 + gen2} collections (gen0 {gen0}, gen1 {gen1}, gen2 {gen2}), paused {(Paused - before.Paused).TotalMilliseconds:F1} ms{LastCollection(gen0 + gen1 + gen2)}";
    }

    // What the newest collection kept: the bytes it found alive in the generations it collected are what its pause
    // copied and marked (a young collection's pause grows with them, not with what it freed).
    static string LastCollection(int collections)
    {
        if (collections == 0) return "";
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        return $"; the last, a gen{last.Generation}, kept {last.PromotedBytes / 1e6:F1} MB of a {last.HeapSizeBytes / 1e6:F0} MB heap";
    }
}
