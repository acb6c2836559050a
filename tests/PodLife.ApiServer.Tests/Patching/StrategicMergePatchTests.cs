using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

public class StrategicMergePatchTests
{
    // Cases from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go, with its test struct's fields mapped
    // onto real fields with the same markers: mergingList -> PodSpec.containers (merge by name),
    // nonMergingList -> PodSpec.tolerations (atomic), mergingIntList -> ObjectMeta.finalizers (merge set),
    // simpleMap -> ObjectMeta.labels. Raw cases compare order exactly; the others (like the Go test) ignore the
    // order of merged lists.
    public static TheoryData<string, string, string, string, bool> Cases => new()
    {
        // customStrategicMergePatchTestCaseData
        { "unique scalars when merging lists", """{"finalizers":[1,2]}""", """{"finalizers":[2,3]}""", """{"finalizers":[1,2,3]}""", false },
        { "delete map from nested map", """{"labels":{"key1":"1","key2":"1"}}""", """{"labels":{"$patch":"delete"}}""", """{"labels":{}}""", true },
        { "delete all items from merging list", """{"containers":[{"name":"1"},{"name":"2"}]}""", """{"containers":[{"$patch":"replace"}]}""", """{"containers":[]}""", true },
        { "merge empty merging lists", """{"containers":[]}""", """{"containers":[]}""", """{"containers":[]}""", true },
        { "delete all keys from map", """{"name":1,"value":1}""", """{"$patch":"replace"}""", "{}", true },
        { "add key and delete all keys from map", """{"name":1,"value":1}""", """{"other":"a","$patch":"replace"}""", """{"other":"a"}""", true },
        { "delete all duplicate entries in a merging list",
            """{"containers":[{"name":"1"},{"name":"1"},{"name":"2","value":"a"},{"name":"3"},{"name":"3"}]}""",
            """{"containers":[{"name":"1","$patch":"delete"},{"name":"3","$patch":"delete"}]}""",
            """{"containers":[{"name":"2","value":"a"}]}""", true },
        // createStrategicMergePatchTestCaseData (three-way patch applied to current)
        { "add field and delete field from map", """{"name":1,"other":"a"}""", """{"name":null,"value":1}""", """{"other":"a","value":1}""", true },
        { "delete field from nested map", """{"labels":{"key1":"1","key2":"1","other":"a"}}""", """{"labels":{"key2":null}}""", """{"labels":{"key1":"1","other":"a"}}""", true },
        { "replace list of scalars with conflict", """{"tolerations":[1,4]}""", """{"tolerations":[2,3]}""", """{"tolerations":[2,3]}""", true },
        { "merge lists of scalars", """{"finalizers":[1,2,4]}""", """{"finalizers":[3]}""", """{"finalizers":[1,2,3,4]}""", false },
        { "merge lists of maps with conflict",
            """{"containers":[{"name":"1","other":"a"},{"name":"2","value":"3","other":"b"}]}""",
            """{"containers":[{"name":"2","value":"2"},{"name":"3","value":"3"}]}""",
            """{"containers":[{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"},{"name":"3","value":"3"}]}""", false },
        { "nested patch merge with empty list", """{"name":"hi"}""", """{"containers":[{"name":"hello"},{"$patch":"delete","name":"doesntexist"}]}""",
            """{"name":"hi","containers":[{"name":"hello"}]}""", true },
        // customStrategicMergePatchRawTestCases and strategicMergePatchRawTestCases (exact order)
        { "preserve the order from the patch in a merging int list", """{"finalizers":[1,2,3]}""", """{"finalizers":[3,1]}""", """{"finalizers":[2,3,1]}""", true },
        { "$setElementOrder contains item that is not present in the list to be merged",
            """{"containers":[{"name":"1"},{"name":"3"}]}""",
            """{"$setElementOrder/containers":[{"name":"3"},{"name":"2"},{"name":"1"}],"containers":[{"name":"3","value":"3"},{"name":"1","value":"1"}]}""",
            """{"containers":[{"name":"3","value":"3"},{"name":"1","value":"1"}]}""", true },
        { "$setElementOrder contains item that is not present in the int list to be merged",
            """{"finalizers":[1,3]}""", """{"$setElementOrder/finalizers":[3,2,1]}""", """{"finalizers":[3,1]}""", true },
        { "delete items in lists of scalars", """{"finalizers":[1,2,3,4]}""",
            """{"$setElementOrder/finalizers":[1,2],"$deleteFromPrimitiveList/finalizers":[3]}""", """{"finalizers":[1,2,4]}""", true },
        { "add map and delete map from merging list with conflict",
            """{"containers":[{"name":"1","other":"a"},{"name":"4","other":"c"}]}""",
            """{"$setElementOrder/containers":[{"name":"2"},{"name":"3"}],"containers":[{"name":"2"},{"name":"3"},{"name":"1","$patch":"delete"}]}""",
            """{"containers":[{"name":"4","other":"c"},{"name":"2"},{"name":"3"}]}""", true },
        { "behavior of set element order for a merging list with duplicate",
            """{"containers":[{"name":"1"},{"name":"2","value":"dup1"},{"name":"3"},{"name":"2","value":"dup2"},{"name":"4"}]}""",
            """{"$setElementOrder/containers":[{"name":"2"},{"name":"1"},{"name":"4"},{"name":"3"},{"name":"2"}]}""",
            """{"containers":[{"name":"2","value":"dup1"},{"name":"2","value":"dup2"},{"name":"1"},{"name":"4"},{"name":"3"}]}""", true },
        { "retainKeys map adds an item in nested merging list",
            """{"name":"foo","containers":[{"name":"a"},{"name":"b"},{"name":"x"}]}""",
            """{"$retainKeys":["containers","name"],"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],"containers":[{"name":"c"}]}""",
            """{"name":"foo","containers":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"x"}]}""", true },
        { "retainKeys map deletes nested merging list",
            """{"name":"foo","containers":[{"name":"a"},{"name":"b"}]}""",
            """{"$retainKeys":["name","value"],"value":"bar","containers":null}""",
            """{"name":"foo","value":"bar"}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StrategicMergePatchGivesTheResultKubernetesGives(string description, string current, string patch, string expected, bool ordered)
    {
        // finalizers and labels live on ObjectMeta, the other mapped fields on PodSpec.
        var model = current.Contains("finalizers") || current.Contains("labels") ? typeof(V1ObjectMeta) : typeof(V1PodSpec);
        var result = PatchApplier.Apply(PatchApplier.StrategicMergePatchType, JsonNode.Parse(current)!, Encoding.UTF8.GetBytes(patch), model);
        var (want, got) = ordered ? (JsonNode.Parse(expected), result) : (Sorted(JsonNode.Parse(expected)), Sorted(result));
        Assert.True(JsonNode.DeepEquals(want, got), $"{description}: expected {want!.ToJsonString()}, got {got!.ToJsonString()}");
    }

    [Fact]
    public void ContainersEnvAndPortsMergeByTheirKeysInAPodPatch()
    {
        var pod = JsonNode.Parse("""
            {"spec":{"containers":[{"name":"app","image":"nginx","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80}]},
              {"name":"side","image":"busybox"}]}}
            """)!;
        var patch = """{"spec":{"containers":[{"name":"app","image":"nginx:2","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":80,"name":"http"}]}]}}""";

        var result = PatchApplier.Apply("application/strategic-merge-patch+json; charset=utf-8", pod, Encoding.UTF8.GetBytes(patch), typeof(V1Pod));

        var app = result["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:2", (string?)app["image"]);
        Assert.Equal(["B", "A"], app["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal("""[{"containerPort":80,"name":"http"}]""", app["ports"]!.ToJsonString());
        Assert.Equal("side", (string?)result["spec"]!["containers"]![1]!["name"]);
        Assert.Equal("nginx", (string?)pod["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void TolerationsHaveNoMergeKeySoAPatchReplacesThem()
    {
        var pod = JsonNode.Parse("""{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}""")!;
        var result = PatchApplier.Apply(PatchApplier.StrategicMergePatchType, pod,
            """{"spec":{"tolerations":[{"key":"c"}]}}"""u8, typeof(V1Pod));
        Assert.Equal("""[{"key":"c"}]""", result["spec"]!["tolerations"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"x"}]}}""", 422, "map: map[image:x] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$patch":"explode"}}""", 422, "unknown patch type: explode in map: map[$patch:explode]")]
    [InlineData("""{"spec":{"containers":[{"$patch":"merge"}]}}""", 422, "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""", 400, "invalid patch format of primitive list")]
    [InlineData("""{"metadata":{"$setElementOrder/finalizers":"a"}}""", 400, "invalid patch format of setElementOrder list")]
    [InlineData("""{"spec":{"$retainKeys":["a"],"b":1}}""", 400, "invalid patch format of retainKeys")]
    [InlineData("""[1]""", 400, "invalid JSON document")]
    public void BadStrategicPatchesAreRejectedWithKubernetesWording(string patch, int status, string message)
    {
        var pod = JsonNode.Parse("""{"metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"a"}]}}""")!;
        var e = Assert.Throws<PatchException>(() =>
            PatchApplier.Apply(PatchApplier.StrategicMergePatchType, pod, Encoding.UTF8.GetBytes(patch), typeof(V1Pod)));
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(message, e.Message);
    }

    /// <summary>Sorts every list by its elements' "name" (or by value), as the Go test's sortMergeListsByName does.</summary>
    static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted).OrderBy(i => i is JsonObject x ? x["name"]?.ToJsonString() : i?.ToJsonString(), StringComparer.Ordinal)]),
        _ => node?.DeepClone(),
    };
}
