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
