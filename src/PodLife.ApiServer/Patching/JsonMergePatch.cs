using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>): objects merge, null deletes, the rest replaces.</summary>
static class JsonMergePatch
{
    /// <summary>The MergePatch function of RFC 7386 section 2; <paramref name="target"/> may be changed in place.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            result.TryGetPropertyValue(name, out var current);
            var merged = Apply(current, value);
            // A nested object merged in place is already where it belongs.
            if (!ReferenceEquals(merged, current)) result[name] = merged;
        }
        return result;
    }
}
