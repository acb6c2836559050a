using System.Globalization;

namespace PodLife.Cli.Bench;

/// <summary>
/// What each blocking collection of a generation spent its pause on, from the runtime's GC events: bytes it marked
/// through each kind of root (stacks, handles, older generations through the card table, ...), bytes it promoted out
/// of gen0 and gen1, whether it compacted (copied the survivors) or swept, pinned objects, and the gen2 size after.
/// An ephemeral pause grows with the bytes it marks and copies; bytes marked through the card table are young objects
/// kept alive only by old ones (rings, caches, dictionaries updated per change).
/// </summary>
sealed class GcAnatomy
{
    sealed class Collection(int generation)
    {
        public int Generation { get; } = generation;
        public readonly long[] MarkedByRoot = new long[RootKinds.Length];
        public long Promoted0, Promoted1, Gen2Size, Pinned;
        public bool Compacting;
        public double PauseMs, SuspendMs, CollectMs;
        public DateTime StartedAt;
    }

    // The runtime's order of root kinds in GCMarkWithType events.
    static readonly string[] RootKinds = ["stack", "finalizer", "handles", "older gens (cards)", "sizedref", "overflow", "dependent handles", "new finalizable", "steal", "bgc"];

    readonly Lock _lock = new();
    readonly List<Collection> _done = [];
    Collection? _current;

    public void Started(int generation, DateTime at) { lock (_lock) _current = new Collection(generation) { StartedAt = at }; }

    /// <summary>The collection's own work ended (GCEnd): the rest of the pause is suspending and restarting threads.</summary>
    public void Collected(DateTime at) { lock (_lock) if (_current is { } c) c.CollectMs = (at - c.StartedAt).TotalMilliseconds; }

    public void Marked(int rootKind, long bytes)
    {
        lock (_lock)
            if (_current is { } c && rootKind >= 0 && rootKind < RootKinds.Length) c.MarkedByRoot[rootKind] += bytes;
    }

    public void Compacted(bool compacting) { lock (_lock) if (_current is { } c) c.Compacting = compacting; }

    public void Ended(long promoted0, long promoted1, long gen2Size, long pinned)
    {
        lock (_lock)
            if (_current is { } c) (c.Promoted0, c.Promoted1, c.Gen2Size, c.Pinned) = (promoted0, promoted1, gen2Size, pinned);
    }

    // A background gen2 has no pause of its own in these events; its foreground gen0/gen1 collections do.
    public void Paused(int generation, TimeSpan pause, TimeSpan suspending)
    {
        lock (_lock)
        {
            if (_current is not { } c || c.Generation != generation) return;
            (c.PauseMs, c.SuspendMs) = (pause.TotalMilliseconds, suspending.TotalMilliseconds);
            _done.Add(c);
            _current = null;
        }
    }

    /// <summary>Averages over the paused collections of <paramref name="generation"/>, in one line.</summary>
    public string Summary(int generation)
    {
        List<Collection> all;
        lock (_lock) all = _done.Where(c => c.Generation == generation).ToList();
        if (all.Count == 0) return $"gen{generation} collections: none";
        static string MiB(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
        var marked = Enumerable.Range(0, RootKinds.Length)
            .Select(k => (Kind: RootKinds[k], Bytes: all.Average(c => (double)c.MarkedByRoot[k])))
            .Where(m => m.Bytes > 0).OrderByDescending(m => m.Bytes)
            .Select(m => $"{m.Kind} {MiB(m.Bytes)}");
        var promoted = all.Sum(c => (double)c.Promoted0 + c.Promoted1);
        var perMiB = promoted == 0 ? 0 : all.Sum(c => c.PauseMs) / (promoted / (1024 * 1024));
        return string.Create(CultureInfo.InvariantCulture,
            $"gen{generation} collections ({all.Count}, averages): pause {all.Average(c => c.PauseMs):0.0} ms " +
            $"(suspending threads {all.Average(c => c.SuspendMs):0.0}, collecting {all.Average(c => c.CollectMs):0.0}; longest pause {all.Max(c => c.PauseMs):0.0}); marked MiB by root: {string.Join(", ", marked)}; " +
            $"promoted out of gen0 {MiB(all.Average(c => (double)c.Promoted0))} MiB, out of gen1 {MiB(all.Average(c => (double)c.Promoted1))} MiB " +
            $"({perMiB:0.0} ms of pause per MiB promoted); compacting {all.Count(c => c.Compacting)} of {all.Count}; " +
            $"pinned objects {all.Average(c => (double)c.Pinned):0}; gen2 after {MiB(all.Average(c => (double)c.Gen2Size))} MiB");
    }
}
