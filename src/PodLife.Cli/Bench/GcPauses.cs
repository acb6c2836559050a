using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace PodLife.Cli.Bench;

/// <summary>
/// Every pause of this process's threads for a garbage collection (runtime events, from the suspension's start to the
/// threads' restart), with the generation collected, so a benchmark can tell GC stalls from other ones. Recorded from
/// its creation until it is disposed.
/// </summary>
public sealed class GcPauses : IDisposable
{
    /// <summary>One pause: when it began (stopwatch ticks), how long it lasted, the generation collected (-1 unknown).</summary>
    public readonly record struct Pause(long Start, TimeSpan Duration, int Generation);

    const int GcStart = 1, GcEnd = 2, RestartEeEnd = 3, HeapStats = 4, SuspendEeEnd = 8, SuspendEeBegin = 9, MarkWithType = 202, GlobalHeapHistory = 205;
    // GCGlobalHeapHistory's GlobalMechanisms bit for a compacting collection.
    const int Compaction = 0x2;
    // GCStart's Type for a background collection (0 blocking, 2 a foreground one during a background one).
    const int BackgroundGc = 1;
    // GCStart's Reason: what made the runtime collect (the generation is its own choice, from the budgets).
    static readonly string[] Reasons =
    [
        "small-object allocation", "induced", "low memory", "empty", "large-object allocation", "out of small-object space",
        "out of large-object space", "induced, not forced", "internal", "induced, low memory", "induced, compacting",
        "host low memory", "provisional full", "host low memory, blocking",
    ];
    readonly ConcurrentQueue<Pause> _pauses = new();
    // What triggered each blocking gen2 collection, by reason: a gen2 triggered by large-object allocation comes from
    // large arrays (a list or dictionary growing past 85 KB, a big buffer), one by small-object allocation from the
    // gen2 budget that promotions used up.
    readonly ConcurrentDictionary<string, int> _gen2Reasons = new();
    string? _blockingReason;
    readonly ConcurrentQueue<Pause> _backgroundCollections = new();
    // The background gen2 collection in progress: its number (GCStart's Count) and start (stopwatch ticks).
    (long Count, long Start)? _background;
    readonly GcAnatomy _anatomy = new();
    // Event times are wall-clock; pauses are compared with stopwatch stamps.
    readonly long _stopwatchAtStart = Stopwatch.GetTimestamp();
    readonly DateTime _utcAtStart = DateTime.UtcNow;
    long _promoted, _heapStats;
    DateTime? _suspended;
    TimeSpan _suspendedFor;
    int _generation = -1;

    public IReadOnlyCollection<Pause> All => _pauses;

    /// <summary>
    /// Each background gen2 collection, from its start to its end: it runs beside the program on a GC thread, so while
    /// it marks, the program has one core less (on two cores, half the machine) without being paused.
    /// </summary>
    public IReadOnlyCollection<Pause> BackgroundCollections => _backgroundCollections;

    readonly Action<EventWrittenEventArgs> _handler;

    public GcPauses()
    {
        _handler = OnEventWritten;
        RuntimeGcEvents.Shared.Subscribe(_handler);
    }

    public void Dispose() => RuntimeGcEvents.Shared.Unsubscribe(_handler);

    void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventId)
        {
            case GcStart when e.PayloadNames?.IndexOf("Depth") is >= 0 and var i:
                _generation = Convert.ToInt32(e.Payload![i], System.Globalization.CultureInfo.InvariantCulture);
                _blockingReason = Long(e, "Type") == BackgroundGc ? null : ReasonOf(Long(e, "Reason"));
                _anatomy.Started(_generation, e.TimeStamp);
                if (Long(e, "Type") == BackgroundGc) _background = (Long(e, "Count"), Ticks(e.TimeStamp));
                break;
            case GcEnd:
                _anatomy.Collected(e.TimeStamp);
                if (_background is { } running && Long(e, "Count") == running.Count)
                {
                    _backgroundCollections.Enqueue(new Pause(running.Start, Stopwatch.GetElapsedTime(running.Start, Ticks(e.TimeStamp)), 2));
                    _background = null;
                }
                break;
            case SuspendEeEnd when _suspended is { } suspending:
                _suspendedFor = e.TimeStamp.ToUniversalTime() - suspending;
                break;
            case MarkWithType:
                _anatomy.Marked(Int(e, "Type"), Long(e, "Bytes"));
                break;
            case GlobalHeapHistory:
                _anatomy.Compacted((Long(e, "GlobalMechanisms") & Compaction) != 0);
                break;
            case HeapStats when e.PayloadNames?.IndexOf("TotalPromotedSize0") is >= 0 and var i:
                // Bytes that survived the collection out of gen0: what an ephemeral pause copies.
                _promoted += Convert.ToInt64(e.Payload![i], System.Globalization.CultureInfo.InvariantCulture);
                _heapStats++;
                _anatomy.Ended(Long(e, "TotalPromotedSize0"), Long(e, "TotalPromotedSize1"), Long(e, "GenerationSize2"), Long(e, "PinnedObjectCount"));
                break;
            case SuspendEeBegin:
                _suspended = e.TimeStamp.ToUniversalTime();
                break;
            case RestartEeEnd when _suspended is { } began:
                _pauses.Enqueue(new Pause(Ticks(began), e.TimeStamp.ToUniversalTime() - began, _generation));
                _anatomy.Paused(_generation, e.TimeStamp.ToUniversalTime() - began, _suspendedFor);
                if (_generation == 2 && _blockingReason is { } why) _gen2Reasons.AddOrUpdate(why, 1, (_, n) => n + 1);
                (_suspended, _generation) = (null, -1);
                break;
        }
    }

    long Ticks(DateTime eventTime) =>
        _stopwatchAtStart + (long)((eventTime.ToUniversalTime() - _utcAtStart).TotalSeconds * Stopwatch.Frequency);

    static long Long(EventWrittenEventArgs e, string name) =>
        e.PayloadNames?.IndexOf(name) is >= 0 and var i ? Convert.ToInt64(e.Payload![i], System.Globalization.CultureInfo.InvariantCulture) : 0;

    static int Int(EventWrittenEventArgs e, string name) => (int)Long(e, name);

    static string ReasonOf(long reason) => reason >= 0 && reason < Reasons.Length ? Reasons[reason] : $"reason {reason}";

    /// <summary>What the blocking gen1 collections marked, promoted and compacted (see <see cref="GcAnatomy"/>).</summary>
    public string Gen1Anatomy() => _anatomy.Summary(generation: 1);

    /// <summary>
    /// Per second since <paramref name="begin"/>: milliseconds the runtime spent compiling methods (tiered JIT, over
    /// all threads) and milliseconds of GC pause, as "second:jit/gc", the two background activities that stall requests.
    /// </summary>
    public string PerSecond(long begin, IReadOnlyList<(long At, TimeSpan Jit)> jitSamples)
    {
        var seconds = new List<string>();
        for (var i = 1; i < jitSamples.Count; i++)
        {
            var from = jitSamples[i - 1].At;
            var to = jitSamples[i].At;
            var jit = (jitSamples[i].Jit - jitSamples[i - 1].Jit).TotalMilliseconds;
            var gc = _pauses.Where(p => p.Start >= from && p.Start < to).Sum(p => p.Duration.TotalMilliseconds);
            seconds.Add($"{(int)Math.Round(Stopwatch.GetElapsedTime(begin, from).TotalSeconds)}s:{jit:0}/{gc:0}");
        }
        return $"JIT compile / GC pause ms per second: {string.Join(' ', seconds)}";
    }

    /// <summary>
    /// The GC this process runs with, as the runtime applied its configuration (PodLife.Cli.csproj sets it): the
    /// figures of two runs compare only if this line matches.
    /// </summary>
    public static string Configuration()
    {
        var variables = GC.GetConfigurationVariables();
        var server = variables.TryGetValue("ServerGC", out var s) && Convert.ToBoolean(s, System.Globalization.CultureInfo.InvariantCulture);
        var background = variables.TryGetValue("ConcurrentGC", out var c) && Convert.ToBoolean(c, System.Globalization.CultureInfo.InvariantCulture);
        var gen0Cap = variables.TryGetValue("GCGen0MaxBudget", out var b) ? Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var heaps = variables.TryGetValue("HeapCount", out var h) ? Convert.ToInt64(h, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var kind = server ? (heaps > 0 ? $"server, {heaps} heaps" : "server") : "workstation";
        return $"GC: {kind}, {(background ? "background" : "non-concurrent")}, gen0 budget cap {gen0Cap / (1024.0 * 1024):0.#} MiB";
    }

    /// <summary>The pauses that began within <paramref name="span"/> from <paramref name="start"/> (stopwatch ticks), in a few words.</summary>
    public string Within(long start, TimeSpan span)
    {
        var end = start + (long)(span.TotalSeconds * Stopwatch.Frequency);
        var within = _pauses.Where(p => p.Start >= start && p.Start < end).ToList();
        if (within.Count == 0) return "no GC pause";
        var longest = within.MaxBy(p => p.Duration);
        return FormattableString.Invariant(
            $"{within.Count} GC pauses, {within.Sum(p => p.Duration.TotalMilliseconds):0} ms in all, longest {longest.Duration.TotalMilliseconds:0} ms (gen{longest.Generation})");
    }

    /// <summary>Pauses by generation: count, total and longest, in one line.</summary>
    public string Summary()
    {
        var byGeneration = _pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key)
            .Select(g => $"gen{g.Key}: {g.Count()} pauses, {g.Sum(p => p.Duration.TotalMilliseconds):0} ms total, longest {g.Max(p => p.Duration.TotalMilliseconds):0.0} ms");
        var promoted = _heapStats == 0 ? 0 : _promoted / (double)_heapStats / (1024 * 1024);
        var background = _backgroundCollections.IsEmpty ? "none"
            : $"{_backgroundCollections.Count}, {_backgroundCollections.Sum(c => c.Duration.TotalMilliseconds):0} ms running in all, longest {_backgroundCollections.Max(c => c.Duration.TotalMilliseconds):0} ms";
        var gen2Reasons = _gen2Reasons.IsEmpty ? ""
            : $"; blocking gen2s triggered by {string.Join(", ", _gen2Reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}";
        return $"GC pauses: {string.Join("; ", byGeneration)}; {promoted:0.0} MiB promoted out of gen0 per collection; background gen2 collections: {background}{gen2Reasons}";
    }
}
