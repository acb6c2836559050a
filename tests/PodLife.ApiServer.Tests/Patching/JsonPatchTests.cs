using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

public class JsonPatchTests
{
    // Examples from RFC 6902 appendix A (A.1-A.10, A.14, A.16) and RFC 6901 escaping.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
        """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""",
        """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""",
        """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10},{"op":"copy","from":"/~1","path":"/x"}]""", """{"/":9,"~1":10,"x":9}""")]
    public void JsonPatchFollowsTheRfcExamples(string document, string patch, string expected)
    {
        var result = PatchApplier.Apply(PatchApplier.JsonPatchType, JsonNode.Parse(document)!, Encoding.UTF8.GetBytes(patch), typeof(V1Pod));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    // Failures are 422 (kube-apiserver wraps json-patch errors as StatusUnprocessableEntity); wording of evanphx/json-patch.
    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", "error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/a/b"}]""", "remove operation does not apply: doc is missing path: \"/a/b\": missing value")]
    [InlineData("""{"foo":[1]}""", """[{"op":"add","path":"/foo/5","value":2}]""", "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"test","path":"/a/b","value":1}]""", "test operation does not apply: is missing path: /a/b: missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"/baz","value":1}]""", "replace operation does not apply: doc is missing key: /baz: missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"launch","path":"/foo"}]""", "Unexpected kind: launch")]
    public void AJsonPatchThatDoesNotApplyIsUnprocessable(string document, string patch, string message)
    {
        var e = Assert.Throws<PatchException>(() =>
            PatchApplier.Apply(PatchApplier.JsonPatchType, JsonNode.Parse(document)!, Encoding.UTF8.GetBytes(patch), typeof(V1Pod)));
        Assert.Equal((422, message), (e.StatusCode, e.Message));
    }

    [Fact]
    public void AFailedTestLeavesTheOriginalUntouched()
    {
        var original = JsonNode.Parse("""{"a":1}""")!;
        Assert.Throws<PatchException>(() => PatchApplier.Apply(PatchApplier.JsonPatchType, original,
            """[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}]"""u8, typeof(V1Pod)));
        Assert.Equal("""{"a":1}""", original.ToJsonString());
    }

    [Fact]
    public void AnObjectInsteadOfAnOperationListIsABadRequest()
    {
        var e = Assert.Throws<PatchException>(() => PatchApplier.Apply(PatchApplier.JsonPatchType, new JsonObject(), """{"op":"add"}"""u8, typeof(V1Pod)));
        Assert.Equal((400, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"), (e.StatusCode, e.Message));
    }
}
