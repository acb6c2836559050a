using System.Text;
using System.Text.Json.Nodes;
using PodLife.ApiServer.History;
using PodLife.Core.History;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The recorder's reader of stored timelines gives what the tree parse gives: compared as the bytes written back.</summary>
public sealed class TimelineReaderTests
{
    static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-01T12:00:00.123456Z");

    static string ByReader(byte[] json) => Encoding.UTF8.GetString(PodTimelineJson.ToUtf8(TimelineReader.Read(json)));

    static string ByTree(byte[] json) => Encoding.UTF8.GetString(PodTimelineJson.ToUtf8(PodTimelineJson.FromJson(JsonNode.Parse(json)!.AsObject())));

    public static TheoryData<string> Written()
    {
        var life = new PodTimeline("default", "web-0", "u-1")
        {
            Uid = "t-1",
            ResourceVersion = "42",
            CreationTimestamp = T0.AddTicks(-T0.Ticks % TimeSpan.TicksPerSecond),
            Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front \"end\" é ✓" },
            PodDeletedAt = T0.AddMinutes(5),
            Current = new TimelineCurrent("Terminated", "Running", "CrashLoopBackOff", T0.AddMinutes(5), 3),
            DroppedEntries = 7,
            Entries =
            [
                new(T0, TimelineEntryKind.Phase, "", "Pending"),
                new(T0.AddSeconds(1), TimelineEntryKind.Condition, "PodScheduled", "True") { From = "False", Reason = "", Message = "" },
                new(T0.AddSeconds(2), TimelineEntryKind.Event, "BackOff", "Warning")
                {
                    Reason = "BackOff", Message = "Back-off restarting failed container app in pod web-0_default(u-1)\n<tab>\t", Count = 4,
                    LastTime = T0.AddSeconds(40),
                },
                new(T0.AddSeconds(3), TimelineEntryKind.Container, "app", "Terminated")
                {
                    From = "Running", Reason = "Error", ExitCode = 137, Signal = 9, RestartCount = 3, Ready = false,
                },
                new(T0.AddSeconds(4), TimelineEntryKind.InitContainer, "init", "Running") { Ready = true, RestartCount = 0 },
            ],
        };
        return [.. new[] { life, life with { PodDeletedAt = null, Current = null, DroppedEntries = 0, Labels = new Dictionary<string, string>(), Entries = [] } }
            .Select(t => Encoding.UTF8.GetString(PodTimelineJson.ToUtf8(t)))];
    }

    [Theory]
    [MemberData(nameof(Written))]
    public void ReadsAWrittenTimelineBackToTheSameBytes(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(json, ByReader(bytes));
        Assert.Equal(ByTree(bytes), ByReader(bytes));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"metadata":null,"current":7,"entries":{"a":1},"podUID":3,"droppedEntries":"2"}""")]
    [InlineData("""{"metadata":{"name":"w","labels":{"a":null,"b":"x"},"creationTimestamp":"2026-11-01T12:00:00+02:00","extra":{"deep":[1,{"x":[]}]}},"entries":[1,"x",null,{"time":"bad","kind":"Phase","count":1.5,"ready":"true","exitCode":2147483648,"from":5,"lastTime":"2026-11-01T12:00:00.1Z"}]}""")]
    [InlineData("""{"podDeletedAt":"2026-11-01T12:00:00Z","current":{"stage":"Stage","since":null,"restarts":-1,"unknown":{"a":"b"}},"entries":[{"kind":"\u0050hase","to":"\u00e9\ud83d\ude00","message":null,"reason":{"no":1},"time":"2026-11-01T12:00:00\u002E5Z"}]}""")]
    [InlineData("""{"entries":[{"time":"2026-11-01T12:00:00.1234567890123456789012345678901234567890123456789012345678901234567890Z","kind":"Event"}]}""")]
    public void ReadsOddTimelinesAsTheTreeParseDoes(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(ByTree(bytes), ByReader(bytes));
    }

    [Fact]
    public void ALabelThatIsNotAStringIsRefusedAsByTheTreeParse()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"metadata":{"labels":{"a":1}}}""");
        Assert.Throws<InvalidOperationException>(() => ByTree(bytes));
        Assert.Throws<InvalidOperationException>(() => ByReader(bytes));
    }

    [Fact]
    public void RecurringWordsAreTheSharedConstants()
    {
        var bytes = PodTimelineJson.ToUtf8(new PodTimeline("default", "web", "u-1")
        {
            Entries = [new(T0, new string(TimelineEntryKind.Condition), new string("Ready"), new string("True")) { From = new string("False") }],
        });
        var entry = Assert.Single(TimelineReader.Read(bytes).Entries);
        Assert.Same(TimelineEntryKind.Condition, entry.Kind);
        Assert.Same("Ready", entry.Name);
        Assert.Same("True", entry.To);
        Assert.Same("False", entry.From);
    }
}
