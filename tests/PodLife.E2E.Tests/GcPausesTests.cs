using System.Diagnostics;
using PodLife.Cli.Bench;

namespace PodLife.E2E.Tests;

/// <summary>
/// The bench's GC pause recorders share one runtime event listener for the life of the process (ending an EventPipe
/// session per run has crashed runtimes): each recorder still sees the collections of its own time, and no more once disposed.
/// </summary>
public sealed class GcPausesTests
{
    [Fact]
    public async Task EachRecorderSeesTheCollectionsOfItsOwnTime()
    {
        var listener = RuntimeGcEvents.Shared;
        var first = new GcPauses();
        await CollectUntilRecordedAsync(first);
        first.Dispose();
        // A dispatch already under way when it was disposed may still hand it one event.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var seenByFirst = first.All.Count;

        using var second = new GcPauses();
        await CollectUntilRecordedAsync(second);

        Assert.Same(listener, RuntimeGcEvents.Shared);
        Assert.Equal(seenByFirst, first.All.Count);
        Assert.All(second.All, p => Assert.True(p.Duration >= TimeSpan.Zero && p.Generation is >= -1 and <= 2, $"{p}"));
    }

    [Fact]
    public async Task SaysWhatTriggeredEachBlockingFullCollection()
    {
        using var recorder = new GcPauses();
        await CollectUntilRecordedAsync(recorder);

        // GC.Collect is an induced collection; the runtime's reason for it reaches the summary.
        Assert.Matches(@"; blocking gen2s triggered by (.*, )?induced [1-9]\d*(,|$)", recorder.Summary());
    }

    // Forces full collections until the recorder holds the pause of one of them (its events arrive a little later;
    // other tests of this process may collect meanwhile, in any generation).
    static async Task CollectUntilRecordedAsync(GcPauses recorder)
    {
        var since = Stopwatch.GetTimestamp();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!recorder.All.Any(p => p.Generation == 2 && p.Start >= since))
        {
            Assert.True(DateTime.UtcNow < deadline, "no full collection's pause recorded within 30 s of forced ones");
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
