using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>
/// A patched object is checked against the model by the fields the patch changed: the same verdict and the same message
/// as the check of the whole object, for every object whose stored form fits the model.
/// </summary>
public sealed class ObjectCodecCheckChangedTests
{
    static readonly ObjectCodec Pods = ObjectCodec.For<V1Pod>();

    static JsonObject Stored() => JsonNode.Parse(ObjectCodec.Utf8(ObjectCodec.FromModel<V1Pod>(
        new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithPhase("Running").WithCondition("Ready", "True")
            .WithStatuses(new ContainerStatusBuilder("app").Running(TestTimes.T0).Ready(), new ContainerStatusBuilder("log").Running(TestTimes.T0)))))!.AsObject();

    // Each change is made to a copy of the stored pod, as a patch is applied to GuaranteedUpdate's copy.
    public static TheoryData<string, string> Changes() => new()
    {
        { "a status that fits", """{"status":{"phase":"Succeeded","conditions":[{"type":"Ready","status":"False","lastTransitionTime":"2026-12-04T10:00:00Z"}]}}""" },
        { "a condition's status as a number", """{"status":{"conditions":[{"type":"Ready","status":1}]}}""" },
        { "a container status's restart count as text", """{"status":{"containerStatuses":[{"name":"app","ready":true,"restartCount":"two","image":"x","imageID":""}]}}""" },
        { "an unparseable time", """{"status":{"startTime":"yesterday"}}""" },
        { "a status that is a list", """{"status":[]}""" },
        { "a label that is an object", """{"metadata":{"labels":{"a":{}}}}""" },
        { "containers as text", """{"spec":{"containers":"x"}}""" },
        { "a new unknown field", """{"frob":{"a":1}}""" },
        { "kind as a number", """{"kind":7}""" },
        { "two fields, the later one wrong", """{"spec":{"nodeName":"node-2"},"status":{"hostIP":5}}""" },
        { "two fields, the earlier one wrong", """{"metadata":{"generation":"one"},"status":{"hostIP":"10.0.0.2"}}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void TheChangedFieldsGetTheWholeObjectsVerdict(string what, string change)
    {
        var stored = Stored();
        var patched = (JsonObject)stored.DeepClone();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject()) patched[name] = value?.DeepClone();

        var whole = Record.Exception(() => Pods.Check(patched, "Pod", "v1"));
        var changed = Record.Exception(() => Pods.CheckChanged(patched, stored, "Pod", "v1"));
        var touched = Record.Exception(() => Pods.CheckChanged(patched, stored, JsonNode.Parse(change)!.AsObject().Select(m => m.Key).ToHashSet(), "Pod", "v1"));

        Assert.Equal(whole?.GetType(), changed?.GetType());
        Assert.Equal(whole?.Message, changed?.Message);
        Assert.Equal(whole?.GetType(), touched?.GetType());
        Assert.Equal(whole?.Message, touched?.Message);
        if (what.Contains("fits", StringComparison.Ordinal)) Assert.Null(whole);
        else if (!what.Contains("unknown", StringComparison.Ordinal)) Assert.IsType<StatusException>(whole);
    }

    [Fact]
    public void AnUnchangedFieldIsTakenToFitAsStored()
    {
        // Only an object stored by something other than this server's checked writes can hold a field that does not fit:
        // a change that leaves it alone is no longer refused for it.
        var stored = Stored();
        stored["spec"] = JsonNode.Parse("""{"containers":"x"}""");
        var patched = (JsonObject)stored.DeepClone();
        patched["status"]!["phase"] = "Succeeded";

        Assert.IsType<StatusException>(Record.Exception(() => Pods.Check(patched, "Pod", "v1")));
        Pods.CheckChanged(patched, stored, "Pod", "v1");
    }
}
