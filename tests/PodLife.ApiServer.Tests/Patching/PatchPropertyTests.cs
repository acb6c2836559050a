using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

public class PatchPropertyTests
{
    // Keys include the strategic directives and merge-keyed fields, so that random patches reach every branch.
    static readonly string[] Keys =
    [
        "a", "b", "name", "spec", "metadata", "containers", "finalizers", "env", "ports", "containerPort", "labels",
        "$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers",
    ];

    static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Int[-2, 2].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOf("x", "y", "delete", "replace", "merge", "a").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));

    static Gen<JsonNode?> Value(int depth, bool nulls) => depth == 0 ? Scalar : Gen.Frequency(
        (3, nulls ? Gen.Frequency((5, Scalar), (1, Gen.Const((JsonNode?)null))) : Scalar),
        (2, Object(depth - 1, nulls).Select(o => (JsonNode?)o)),
        (1, Value(depth - 1, nulls).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))));

    static Gen<JsonObject> Object(int depth, bool nulls) =>
        Gen.Select(Gen.OneOf(Keys), Value(depth, nulls)).Array[0, 4].Select(pairs =>
        {
            var o = new JsonObject();
            foreach (var (key, value) in pairs) o[key] = value?.DeepClone();
            return o;
        });

    static readonly Type[] Models = [typeof(V1Pod), typeof(V1PodSpec), typeof(V1ObjectMeta), typeof(V1Node)];

    [Fact]
    public void MergePatchOfTheDifferenceTurnsOneObjectIntoTheOther()
    {
        Gen.Select(Object(3, nulls: false), Object(3, nulls: false)).Sample((a, b) =>
        {
            var patch = Encoding.UTF8.GetBytes(MergeDiff(a, b).ToJsonString());
            var result = PatchApplier.Apply(PatchApplier.MergePatchType, a, patch, typeof(V1Pod));
            return JsonNode.DeepEquals(b, result);
        });
    }

    [Fact]
    public void APatchChangesNoTopLevelFieldOutsideTheOnesItTouches()
    {
        Gen.Select(Object(3, nulls: true), Object(3, nulls: true), Gen.OneOf(PatchApplier.MergePatchType, PatchApplier.StrategicMergePatchType), Gen.OneOf(Models))
            .Sample((doc, patch, type, model) =>
            {
                var bytes = Encoding.UTF8.GetBytes(patch.ToJsonString());
                if (PatchApplier.TouchedMembers(type, bytes) is not { } touched) return true; // a top-level directive: any may change
                JsonObject result;
                try { result = PatchApplier.ApplyTo(type, doc.DeepClone(), bytes, model); }
                catch (PatchException) { return true; }
                return doc.Where(m => !touched.Contains(m.Key)).All(m => result.ContainsKey(m.Key) && JsonNode.DeepEquals(m.Value, result[m.Key]))
                    && result.All(m => touched.Contains(m.Key) || doc.ContainsKey(m.Key));
            });
    }

    [Fact]
    public void AnEmptyPatchIsIdentityForEveryPatchType()
    {
        Gen.Select(Object(3, nulls: true), Gen.OneOf(Models)).Sample((doc, model) =>
            JsonNode.DeepEquals(doc, PatchApplier.Apply(PatchApplier.JsonPatchType, doc, "[]"u8, model)) &&
            JsonNode.DeepEquals(doc, PatchApplier.Apply(PatchApplier.MergePatchType, doc, "{}"u8, model)) &&
            JsonNode.DeepEquals(doc, PatchApplier.Apply(PatchApplier.StrategicMergePatchType, doc, "{}"u8, model)));
    }

    [Fact]
    public void ArbitraryBytesFailOnlyWithPatchException()
    {
        var original = JsonNode.Parse("""{"metadata":{"name":"p","finalizers":["a"]},"spec":{"containers":[{"name":"c","env":[{"name":"A"}]}]}}""")!;
        var bodies = Gen.Frequency(
            (1, Gen.Byte.Array[0, 40]),
            (3, Object(4, nulls: true).Select(o => Encoding.UTF8.GetBytes(o.ToJsonString()))),
            (1, Value(3, nulls: true).Select(v => Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"))));
        var types = Gen.OneOf(PatchApplier.JsonPatchType, PatchApplier.MergePatchType, PatchApplier.StrategicMergePatchType, "text/plain");
        Gen.Select(bodies, types, Gen.OneOf(Models)).Sample((body, type, model) =>
        {
            var before = original.ToJsonString();
            try
            {
                PatchApplier.Apply(type, original, body, model);
            }
            catch (PatchException)
            {
            }
            return original.ToJsonString() == before;
        }, iter: 20000);
    }

    /// <summary>The merge patch that turns <paramref name="a"/> into <paramref name="b"/> (RFC 7386 section 3).</summary>
    static JsonObject MergeDiff(JsonObject a, JsonObject b)
    {
        var patch = new JsonObject();
        foreach (var (key, _) in a)
        {
            if (!b.ContainsKey(key)) patch[key] = null;
        }
        foreach (var (key, value) in b)
        {
            if (a[key] is JsonObject x && value is JsonObject y)
            {
                var inner = MergeDiff(x, y);
                if (inner.Count > 0) patch[key] = inner;
            }
            else if (!a.ContainsKey(key) || !JsonNode.DeepEquals(a[key], value))
            {
                patch[key] = value?.DeepClone();
            }
        }
        return patch;
    }
}
