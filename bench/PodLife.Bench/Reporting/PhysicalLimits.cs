using System.Diagnostics;

namespace PodLife.Bench.Reporting;

/// <summary>
/// What this machine's disk allows, measured in the same run as our figures so they can be read against it: plain
/// SQLite durable commits (WAL, synchronous=FULL) one row per transaction and 64 per transaction, and the latency of
/// one fsync of a small write.
/// </summary>
public sealed record PhysicalLimits(double RawCommitsPerSecond, double RawBatchedRowsPerSecond, double FsyncP50Ms, double FsyncP99Ms)
{
    public static PhysicalLimits Measure(string dir, int fsyncs = 100)
    {
        var root = Directory.CreateDirectory(Path.Combine(dir, $"limits-{Guid.NewGuid():N}")).FullName;
        try
        {
            var single = RawSqliteCommits.RowsPerSecond(root, fsyncs, rowsPerCommit: 1);
            var batched = RawSqliteCommits.RowsPerSecond(root, fsyncs * 64, rowsPerCommit: 64);
            var (p50, p99) = FsyncLatency(Path.Combine(root, "fsync"), fsyncs);
            return new PhysicalLimits(single, batched, p50, p99);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    /// <summary>Our figure against the limit: "41% of raw commits" for throughputs, "6.2 fsyncs" for latencies; "" when not comparable.</summary>
    public string Compare(Figure figure) => Ratio(figure) switch
    {
        { } r when figure.Limit == LimitKind.DurableWrites => $"{100 * r:F0}% of raw commits",
        { } r => $"{r:F1} fsyncs",
        null => "",
    };

    /// <summary>Our figure divided by the limit it is compared with (null when it has none).</summary>
    public double? Ratio(Figure figure) => figure.Limit switch
    {
        LimitKind.DurableWrites when RawBatchedRowsPerSecond > 0 => figure.Value / RawBatchedRowsPerSecond,
        LimitKind.Fsyncs when FsyncP50Ms > 0 => ToMs(figure) / FsyncP50Ms,
        _ => null,
    };

    static double ToMs(Figure figure) => figure.Unit == "s" ? figure.Value * 1000 : figure.Value;

    static (double P50, double P99) FsyncLatency(string path, int count)
    {
        var block = new byte[4096];
        var times = new List<double>(count);
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        for (var i = 0; i < count; i++)
        {
            file.Write(block);
            var start = Stopwatch.GetTimestamp();
            file.Flush(flushToDisk: true); // fsync on Linux
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return (Percentiles.Of(times, 50), Percentiles.Of(times, 99));
    }
}
