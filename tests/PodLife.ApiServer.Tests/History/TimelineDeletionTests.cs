using System.Text;
using System.Text.Json.Nodes;
using PodLife.ApiServer.History;
using PodLife.Core.History;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The sweep's cheap read of podDeletedAt agrees with the full parse of the timeline.</summary>
public sealed class TimelineDeletionTests
{
    static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-01T12:00:00.123456Z");

    static PodTimeline Timeline(DateTimeOffset? deletedAt) => new PodTimeline("default", "web", "u-1")
    {
        Uid = "t-1",
        Labels = new Dictionary<string, string> { ["podDeletedAt"] = "label, not the field" },
        PodDeletedAt = deletedAt,
        Current = new TimelineCurrent("Terminated", "Running", "", T0, 0),
        Entries = [new TimelineEntry(T0, TimelineEntryKind.Stage, "", "Terminated") { Reason = "Deleted", Message = "the pod was deleted" }],
    };

    static DateTimeOffset? Parsed(byte[] json) => PodTimelineJson.FromJson(JsonNode.Parse(json)!.AsObject()).PodDeletedAt;

    [Fact]
    public void ReadsTheDeletionTimeOfAWrittenTimelineAsTheFullParseDoes()
    {
        foreach (var deletedAt in new DateTimeOffset?[] { null, T0, T0.AddDays(3) })
        {
            var json = PodTimelineJson.ToUtf8(Timeline(deletedAt));
            Assert.Equal(Parsed(json), TimelineDeletion.Read(json));
            Assert.Equal(deletedAt, TimelineDeletion.Read(json));
        }
    }

    [Theory]
    [InlineData("""{"metadata":{"podDeletedAt":"2026-11-01T12:00:00Z"},"entries":[]}""")] // not at the top: absent
    [InlineData("""{"podDeletedAt":12}""")]
    [InlineData("""{"podDeletedAt":"yesterday"}""")]
    [InlineData("""{"podDeletedAt":null}""")]
    [InlineData("""{"entries":[{"podDeletedAt":"2026-11-01T12:00:00Z"}],"podDeletedAt":"2026-11-02T12:00:00Z"}""")]
    [InlineData("""{"podDeletedAt":"2026-11-02T12:00:00+01:00"}""")]
    [InlineData("""{"pod\u0044eletedAt":"2026-11-02T12:00:00Z"}""")]
    public void ReadsOddTimelinesAsTheFullParseDoes(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(Parsed(bytes), TimelineDeletion.Read(bytes));
    }
}
