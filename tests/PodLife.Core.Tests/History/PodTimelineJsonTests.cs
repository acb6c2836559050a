using System.Text.Json.Nodes;
using PodLife.Core.History;

namespace PodLife.Core.Tests.History;

public class PodTimelineJsonTests
{
    static readonly DateTimeOffset T = new(2026, 11, 25, 15, 0, 3, 120, TimeSpan.Zero);

    static PodTimeline Sample() => new PodTimeline("default", "web", "pod-uid")
    {
        Uid = "timeline-uid",
        ResourceVersion = "123",
        CreationTimestamp = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero),
        Labels = new Dictionary<string, string> { ["app"] = "web" },
        Current = new TimelineCurrent("NormalOperation", "Running", "", T, 0),
        Entries =
        [
            new(T, "Phase", "", "Pending"),
            new(T, "Container", "app", "Terminated") { Reason = "Error", ExitCode = 1, RestartCount = 0 },
            new(T, "Event", "Scheduled", "Normal") { Message = "Successfully assigned default/web to podlife-node-1", Count = 1 },
        ],
    };

    [Fact]
    public void TheWireFormIsTheContractsWithMicrosecondTimesAndNoEmptyOptionalFields()
    {
        var json = PodTimelineJson.ToJson(Sample());
        Assert.Equal("""
            {"apiVersion":"podlife.dev/v1","kind":"PodTimeline","metadata":{"name":"web","namespace":"default","uid":"timeline-uid","resourceVersion":"123","creationTimestamp":"2026-11-25T15:00:00Z","labels":{"app":"web"}},"podUID":"pod-uid","podDeletedAt":null,"current":{"stage":"NormalOperation","phase":"Running","reason":"","since":"2026-11-25T15:00:03.120000Z","restarts":0},"entries":[{"time":"2026-11-25T15:00:03.120000Z","kind":"Phase","name":"","to":"Pending"},{"time":"2026-11-25T15:00:03.120000Z","kind":"Container","name":"app","to":"Terminated","reason":"Error","exitCode":1,"restartCount":0},{"time":"2026-11-25T15:00:03.120000Z","kind":"Event","name":"Scheduled","to":"Normal","message":"Successfully assigned default/web to podlife-node-1","count":1}]}
            """, json.ToJsonString());
    }

    [Fact]
    public void TheDirectUtf8FormIsByteForByteTheTreesForm()
    {
        var options = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var serializer = new System.Text.Json.JsonSerializerOptions { Encoder = options.Encoder };
        var deleted = Sample() with
        {
            ResourceVersion = "",
            Labels = new Dictionary<string, string>(),
            PodDeletedAt = T.AddSeconds(9),
            Current = null,
            DroppedEntries = 3,
            Entries =
            [
                new(T, "Condition", "Ready", "True") { From = "False", Ready = true, Signal = 9, LastTime = T.AddSeconds(1) },
                new(T, "Event", "Failed", "Warning") { Message = "pull \"<ünknown>\" & back-off\n", Count = 2 },
            ],
        };
        foreach (var timeline in new[] { Sample(), deleted })
            Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(PodTimelineJson.ToJson(timeline), serializer), PodTimelineJson.ToUtf8(timeline, options));
    }

    [Fact]
    public void TheDirectUtf8FormStaysTheTreesFormAcrossOptionsOffsetsSubMicrosecondTicksAndHugeTimelines()
    {
        var relaxed = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        // A time off UTC with ticks below the microsecond: written in UTC, cut (not rounded) to six digits.
        var odd = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(1_234_567);
        var huge = Sample() with
        {
            CreationTimestamp = odd,
            PodDeletedAt = odd,
            Labels = new Dictionary<string, string> { ["a"] = "<b>", ["app.kubernetes.io/name"] = "wéb" },
            Current = new TimelineCurrent("Error", "Pending", "ImagePullBackOff", odd, 12),
            Entries = [.. Enumerable.Range(0, 2000).Select(i => new TimelineEntry(odd.AddTicks(i * 7919), "Event", $"Reason{i}", "Warning")
            {
                Message = new string('x', i % 50) + "\"quoted\" <&>", Count = i, LastTime = odd.AddTicks(i),
            })],
        };
        // Alternating options and sizes: the thread's reused writer must follow the options and drop an outgrown buffer.
        foreach (var options in new[] { relaxed, default, relaxed, new System.Text.Json.JsonWriterOptions() })
        {
            var serializer = new System.Text.Json.JsonSerializerOptions { Encoder = options.Encoder };
            foreach (var timeline in new[] { Sample(), huge, Sample() })
                Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(PodTimelineJson.ToJson(timeline), serializer), PodTimelineJson.ToUtf8(timeline, options));
        }
    }

    [Fact]
    public async Task TheDirectUtf8FormIsTheSameWhenManyThreadsEncodeAtOnce()
    {
        var expected = PodTimelineJson.ToUtf8(Sample());
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => PodTimelineJson.ToUtf8(Sample()))));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void ATimelineReadsBackAsItWasWritten()
    {
        var back = PodTimelineJson.FromJson(JsonNode.Parse(PodTimelineJson.ToJson(Sample()).ToJsonString())!.AsObject());
        Assert.Equal(Sample().Entries, back.Entries);
        Assert.Equal(Sample().Current, back.Current);
        Assert.Equal(("pod-uid", "timeline-uid", "123"), (back.PodUid, back.Uid, back.ResourceVersion));
    }

    [Fact]
    public void ATimelineWithMissingFieldsReadsAsEmptyRatherThanFailing()
    {
        var t = PodTimelineJson.FromJson(new JsonObject { ["entries"] = new JsonArray(new JsonObject { ["kind"] = "Phase", ["time"] = "bad" }) });
        Assert.Equal(("", null), (t.Name, t.Current));
        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.Single(t.Entries).Time);
    }
}
