using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Admission;

/// <summary>The changed fields of two pod specs, listed <c>-</c> old / <c>+</c> new; a plain stand-in for the go-cmp diff
/// kube-apiserver appends to its "pod updates may not change fields" error.</summary>
static class SpecDiff
{
    public sealed record Change(string Path, string? Old, string? New);

    /// <summary>Whether the two specs encode alike, as a spec written back unchanged does (a label or annotation update).</summary>
    public static bool Same(V1PodSpec old, V1PodSpec updated) => Encode(old).AsSpan().SequenceEqual(Encode(updated));

    /// <summary>Changed leaves by path; empty and absent lists or maps count as equal, as in apimachinery's semantic equality.</summary>
    public static IReadOnlyList<Change> Lines(V1PodSpec old, V1PodSpec updated)
    {
        // Nearly every update leaves the spec as it was: specs that encode alike have no changed leaf, and are not
        // flattened into a dictionary of every path (the bulk of what a label patch of a pod allocated).
        var oldJson = Encode(old);
        var updatedJson = Encode(updated);
        if (oldJson.AsSpan().SequenceEqual(updatedJson)) return [];
        var before = Flatten(oldJson);
        var after = Flatten(updatedJson);
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(path => new Change(path, before.GetValueOrDefault(path), after.GetValueOrDefault(path)))
            .Where(c => c.Old != c.New)
            .ToList();
    }

    static byte[] Encode(V1PodSpec spec) => JsonSerializer.SerializeToUtf8Bytes(spec, ModelJson.Options);

    public static string Format(IReadOnlyList<Change> changes)
    {
        var sb = new StringBuilder("  core.PodSpec{\n");
        foreach (var change in changes)
        {
            if (change.Old is not null) sb.Append("- \t").Append(change.Path).Append(": ").Append(change.Old).Append('\n');
            if (change.New is not null) sb.Append("+ \t").Append(change.Path).Append(": ").Append(change.New).Append('\n');
        }
        return sb.Append("  }\n").ToString();
    }

    static Dictionary<string, string> Flatten(byte[] spec)
    {
        var leaves = new Dictionary<string, string>();
        Walk(JsonNode.Parse(spec), "spec", leaves);
        return leaves;
    }

    static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (name, child) in obj) Walk(child, $"{path}.{name}", leaves);
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Walk(array[i], $"{path}[{i}]", leaves);
                return;
            default:
                leaves[path] = node.ToJsonString();
                return;
        }
    }
}
