using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>): objects merge, null deletes, the rest replaces.</summary>
static class JsonMergePatch
{
    /// <summary>
    /// The MergePatch function of RFC 7386 section 2; <paramref name="target"/> may be changed in place. The patch is an
    /// element of a parsed document: what it sets goes into the target as nodes over that document (written out later as
    /// the patch spelled them), with no node made per member of the patch and then copied into the target.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object) return NodeOver(patch);
        var result = target as JsonObject ?? new JsonObject();
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(member.Name);
                continue;
            }
            result.TryGetPropertyValue(member.Name, out var current);
            var merged = Apply(current, member.Value);
            // A nested object merged in place is already where it belongs.
            if (!ReferenceEquals(merged, current)) result[member.Name] = merged;
        }
        return result;
    }

    static JsonNode? NodeOver(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => JsonArray.Create(value),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(value),
    };
}
