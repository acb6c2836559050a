using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary><see cref="EncodedForm.Normalize"/> on trees, without a server.</summary>
public class EncodedFormNormalizeTests
{
    [Theory]
    [InlineData("2026-11-01T12:00:01Z", "2026-11-01T12:00:01Z")]
    [InlineData("2026-11-01T12:00:01.987654Z", "2026-11-01T12:00:01Z")]
    [InlineData("2026-11-01T14:00:01+02:00", "2026-11-01T12:00:01Z")]
    [InlineData("2026-11-01T12:00:01z", "2026-11-01T12:00:01Z")]
    [InlineData("2026-11-01 12:00:01Z", "2026-11-01T12:00:01Z")]
    // Text in the shape of a whole second that is no time, or no time at all, is left for validation to refuse.
    [InlineData("2026-13-41T25:61:61Z", "2026-13-41T25:61:61Z")]
    [InlineData("yesterday", "yesterday")]
    public void ATimeIsKeptInWholeSecondsUtc(string sent, string kept)
    {
        var pod = JsonNode.Parse("{\"status\":{\"startTime\":\"" + sent + "\",\"conditions\":[{\"type\":\"Ready\",\"lastTransitionTime\":\"" + sent + "\"}]}}")!.AsObject();

        EncodedForm.Normalize(pod, typeof(V1Pod));

        Assert.Equal(kept, (string?)pod["status"]!["startTime"]);
        Assert.Equal(kept, (string?)pod["status"]!["conditions"]![0]!["lastTransitionTime"]);
    }

    [Fact]
    public void AMicroTimeKeepsItsFractions()
    {
        var ev = new JsonObject { ["eventTime"] = "2026-11-01T12:00:01.123456Z", ["firstTimestamp"] = "2026-11-01T12:00:01.5Z" };

        EncodedForm.Normalize(ev, typeof(Corev1Event));

        Assert.Equal("2026-11-01T12:00:01.123456Z", (string?)ev["eventTime"]);
        Assert.Equal("2026-11-01T12:00:01Z", (string?)ev["firstTimestamp"]);
    }

    [Fact]
    public void FieldsGoAlwaysWritesAreAddedAtEveryDepthAndTheOrderOfTheRestIsKept()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"p","annotations":{"a":"2026-11-01T12:00:01.5Z"}},
             "spec":{"containers":[{"name":"c","image":"i"}]},
             "status":{"phase":"Running","startTime":"2026-11-01T12:00:01.5Z","conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"c","ready":true}]}}
            """)!.AsObject();

        EncodedForm.Normalize(pod, typeof(V1Pod));
        var once = pod.ToJsonString();
        EncodedForm.Normalize(pod, typeof(V1Pod));

        Assert.Equal(once, pod.ToJsonString());
        const string expected = """
            {"metadata":{"name":"p","annotations":{"a":"2026-11-01T12:00:01.5Z"},"creationTimestamp":null},
            "spec":{"containers":[{"name":"c","image":"i","resources":{}}]},
            "status":{"phase":"Running","startTime":"2026-11-01T12:00:01Z","conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":null}],
            "containerStatuses":[{"name":"c","ready":true,"state":{},"lastState":{}}]}}
            """;
        Assert.Equal(expected.ReplaceLineEndings(""),
            once);
    }
}
