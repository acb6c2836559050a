using System.Globalization;
using System.Text.RegularExpressions;
using PodLife.Bench.Reporting;

namespace PodLife.Store.Tests;

/// <summary>The bench says how much was allocated and collected while it timed something (the watch fan-out's bursts).</summary>
public sealed class CollectorStateTests
{
    [Fact]
    public void SinceReportsTheBytesAllocatedEachCollectionOnceByItsGenerationAndWhatTheLastKept()
    {
        var before = CollectorState.Now();
        var kept = new List<byte[]>();
        for (var i = 0; i < 160; i++) kept.Add(new byte[64 * 1024]);
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        var report = CollectorState.Now().Since(before);
        GC.KeepAlive(kept);

        var match = Regex.Match(report, @"^allocated ([\d.]+) MB; GC: (\d+) collections \(gen0 (\d+), gen1 (\d+), gen2 (\d+)\), paused ([\d.]+) ms; the last, a gen(\d), kept ([\d.]+) MB of a (\d+) MB heap$");
        Assert.True(match.Success, report);
        double Number(int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.True(Number(1) >= 10, report);
        // Other tests of this process may collect meanwhile: at least the forced gen1 collection, counted once.
        Assert.True(Number(4) + Number(5) >= 1, report);
        Assert.Equal(Number(2), Number(3) + Number(4) + Number(5));
        Assert.True(Number(6) > 0, report);
        // The newest collection, whichever it was, left the 10.5 MB still in use in the heap.
        Assert.True(Number(9) >= 10, report);
        Assert.True(Number(8) <= Number(9), report);
    }
}
