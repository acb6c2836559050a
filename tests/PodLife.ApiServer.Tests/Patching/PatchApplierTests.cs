using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

public class PatchApplierTests
{
    // Examples from RFC 7386 appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void MergePatchFollowsTheRfcExamples(string document, string patch, string expected)
    {
        var result = PatchApplier.Apply(PatchApplier.MergePatchType, JsonNode.Parse(document)!, Encoding.UTF8.GetBytes(patch), typeof(V1Pod));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Fact]
    public void MergePatchReplacesContainerListsWhereStrategicMergeWouldMerge()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""")!;
        var patch = """{"spec":{"containers":[{"name":"a","image":"x"}]}}"""u8;
        Assert.Single(PatchApplier.Apply(PatchApplier.MergePatchType, pod, patch, typeof(V1Pod))["spec"]!["containers"]!.AsArray());
        Assert.Equal(2, PatchApplier.Apply(PatchApplier.StrategicMergePatchType, pod, patch, typeof(V1Pod))["spec"]!["containers"]!.AsArray().Count);
    }

    [Fact]
    public void ApplyLeavesTheOriginalAloneAndApplyToPatchesTheGivenCopy()
    {
        const string pod = """{"metadata":{"name":"p"},"status":{"phase":"Pending"}}""";
        var patch = """{"status":{"phase":"Running"}}"""u8;
        var original = JsonNode.Parse(pod)!;

        var applied = PatchApplier.Apply(PatchApplier.MergePatchType, original, patch, typeof(V1Pod));
        Assert.Equal("Pending", (string?)original["status"]!["phase"]);
        Assert.Equal("Running", (string?)applied["status"]!["phase"]);

        var copy = JsonNode.Parse(pod)!;
        var patched = PatchApplier.ApplyTo(PatchApplier.MergePatchType, copy, patch, typeof(V1Pod));
        Assert.Same(copy, patched);
        Assert.True(JsonNode.DeepEquals(applied, patched), patched.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":{"b":1,"b":2}}""")]
    [InlineData("""{"a":[{"c":1},{"c":1,"c":2}]}""")]
    public void ADuplicateFieldDeepInAPatchIsABadRequestBeforeAnythingIsChanged(string body)
    {
        var document = new JsonObject { ["a"] = "kept" };
        var e = Assert.Throws<PatchException>(() =>
            PatchApplier.ApplyTo(PatchApplier.MergePatchType, document, Encoding.UTF8.GetBytes(body), typeof(V1Pod)));
        Assert.Equal(400, e.StatusCode);
        Assert.StartsWith("error decoding patch: ", e.Message);
        Assert.Equal("kept", (string?)document["a"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/apply-patch+yaml")]
    [InlineData("text/plain")]
    public void AnUnknownPatchTypeIsUnsupportedMediaType(string contentType)
    {
        var e = Assert.Throws<PatchException>(() => PatchApplier.Apply(contentType, new JsonObject(), "{}"u8, typeof(V1Pod)));
        Assert.Equal(415, e.StatusCode);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, " +
            "application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json", e.Message);
    }

    [Theory]
    [InlineData(PatchApplier.JsonPatchType, "[{")]
    [InlineData(PatchApplier.MergePatchType, "not json")]
    [InlineData(PatchApplier.StrategicMergePatchType, "{\"a\":1,\"a\":2}")]
    public void AnUnparseableBodyIsABadRequest(string contentType, string body)
    {
        var e = Assert.Throws<PatchException>(() => PatchApplier.Apply(contentType, new JsonObject(), Encoding.UTF8.GetBytes(body), typeof(V1Pod)));
        Assert.Equal(400, e.StatusCode);
        Assert.StartsWith("error decoding patch: ", e.Message);
    }

    [Theory]
    [InlineData(PatchApplier.MergePatchType, """{"status":{"phase":"Running"},"metadata":{"labels":null}}""", "metadata,status")]
    [InlineData(PatchApplier.StrategicMergePatchType + "; charset=utf-8", """{"spec":{"$setElementOrder/containers":[]}}""", "spec")]
    [InlineData(PatchApplier.StrategicMergePatchType, """{"$patch":"replace","spec":{}}""", null)]
    [InlineData(PatchApplier.StrategicMergePatchType, """{"$retainKeys":["spec"]}""", null)]
    [InlineData(PatchApplier.JsonPatchType, """[{"op":"replace","path":"/status/phase","value":"x"},{"op":"move","from":"/spec/a","path":"/a~1b~0c/d"}]""", "a/b~c,spec,status")]
    [InlineData(PatchApplier.JsonPatchType, """[{"op":"add","path":"/x"},{"op":"replace","path":"","value":{}}]""", null)]
    [InlineData(PatchApplier.MergePatchType, """["not","an","object"]""", null)]
    [InlineData(PatchApplier.MergePatchType, """{"status":""", null)]
    [InlineData(PatchApplier.ApplyPatchType, """{"status":{}}""", null)]
    public void TheTopLevelFieldsAPatchTouchesAreItsKeysOrItsPathsFirstSegments(string type, string patch, string? expected)
    {
        var touched = PatchApplier.TouchedMembers(type, Encoding.UTF8.GetBytes(patch));

        Assert.Equal(expected, touched is null ? null : string.Join(",", touched.Order(StringComparer.Ordinal)));
    }
}
