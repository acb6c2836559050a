using System.Runtime.CompilerServices;
using PodLife.Core.History;

namespace PodLife.Core.Tests.History;

/// <remarks>Set PODLIFE_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then review the diff.</remarks>
public class TimelineTextTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    // A crash-looping pod as the recorder writes it: scheduled, pulled, started, exited 1, backing off, restarted.
    static PodTimeline CrashLoop() => new PodTimeline("default", "crash", "uid")
    {
        CreationTimestamp = T0,
        Current = new TimelineCurrent("Error", "Running", "CrashLoopBackOff", T0.AddSeconds(8), 1),
        Entries =
        [
            new(T0, "Phase", "", "Pending"),
            new(T0, "Stage", "", "Initializing") { Message = "waiting to be scheduled to a node" },
            new(T0.AddSeconds(1), "Condition", "PodScheduled", "True"),
            new(T0.AddSeconds(1), "Event", "Scheduled", "Normal") { Message = "Successfully assigned default/crash to podlife-node-1", Count = 1 },
            new(T0.AddSeconds(2), "Container", "app", "Waiting") { Reason = "ContainerCreating" },
            new(T0.AddSeconds(6), "Phase", "", "Running") { From = "Pending" },
            new(T0.AddSeconds(6), "Container", "app", "Running") { From = "Waiting", RestartCount = 0, Ready = false },
            new(T0.AddSeconds(6), "Stage", "", "ReadyToRun") { From = "Initializing", Message = "Running but not Ready: not every container is ready yet" },
            new(T0.AddSeconds(8), "Container", "app", "Terminated") { From = "Running", Reason = "Error", ExitCode = 1, RestartCount = 0 },
            new(T0.AddSeconds(8), "Stage", "", "Error") { From = "ReadyToRun", Reason = "Error", Message = "container app exited with code 1 (Error)" },
            new(T0.AddSeconds(9), "Container", "app", "Waiting") { From = "Terminated", Reason = "CrashLoopBackOff", RestartCount = 1 },
            new(T0.AddSeconds(9), "Event", "BackOff", "Warning") { Message = "Back-off restarting failed container app", Count = 3 },
        ],
    };

    [Theory]
    [InlineData(false, "crashloop.txt")]
    [InlineData(true, "crashloop.ansi.txt")]
    public void ACrashLoopingPodDrawsAsAWaterfallOfStagesContainersAndEvents(bool colour, string file)
    {
        var text = TimelineText.Render(CrashLoop(), T0.AddSeconds(20), colour);
        var golden = Path.Combine(Dir(), "golden", file);
        if (Environment.GetEnvironmentVariable("PODLIFE_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, text);
        Assert.True(File.Exists(golden), $"missing {golden}; run once with PODLIFE_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden), text);
    }

    [Fact]
    public void TheHistoryListsEntriesInTimeOrderEvenWhenAnEventWasRecordedLate()
    {
        // The Started event's write arrives after the status write it tells of, so it is recorded last.
        var late = CrashLoop() with { Entries = [.. CrashLoop().Entries, new(T0.AddSeconds(6), "Event", "Started", "Normal") { Message = "Started container app", Count = 1 }] };
        var lines = TimelineText.Render(late, T0.AddSeconds(20)).Split('\n');
        var started = Array.FindIndex(lines, l => l.Contains("Normal Started", StringComparison.Ordinal));
        var exited = Array.FindIndex(lines, l => l.Contains("Terminated", StringComparison.Ordinal) && l.Contains("exit code 1", StringComparison.Ordinal));
        Assert.InRange(started, 0, exited - 1);
        Assert.StartsWith("  +6s", lines[started], StringComparison.Ordinal);
    }

    [Fact]
    public void ADebugContainerHasItsOwnLaneAndItsKindStaysApartFromWhatHappened()
    {
        var debugged = CrashLoop() with { Entries = [.. CrashLoop().Entries, new(T0.AddSeconds(7), "EphemeralContainer", "dbg", "Running") { From = "Waiting", RestartCount = 0, Ready = false }] };
        var text = TimelineText.Render(debugged, T0.AddSeconds(20));
        Assert.Contains("  dbg (debug)", text, StringComparison.Ordinal);
        Assert.Contains("  +7s       EphemeralContainer dbg: Running", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeletedPodsTimelineEndsAtTheDeletionAndSaysSo()
    {
        var gone = TimelineRecording.PodDeleted(CrashLoop(), T0.AddSeconds(10));
        var text = TimelineText.Render(gone, T0.AddHours(1));
        Assert.Contains("Deleted at 2026-11-25T15:00:10.000000Z", text);
        Assert.Contains("10s  (from 2026-11-25T15:00:00.000000Z)", text);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(120, "120ms")]
    [InlineData(3_120, "3.12s")]
    [InlineData(125_000, "2m5s")]
    public void DurationsAreExactUnderAMinuteAndLikeKubectlAbove(int ms, string text) =>
        Assert.Equal(text, TimelineText.Duration(TimeSpan.FromMilliseconds(ms)));

    static string Dir([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;
}
