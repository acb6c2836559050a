using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// The fields an object sets, as structured-merge-diff names them in managedFields' FieldsV1: "f:name" for an object
/// field or map key, "k:{…}" for a list item by its map keys, "v:…" for a set value; atomic lists and scalars are leaves.
/// </summary>
public sealed class FieldSet
{
    readonly HashSet<string> _paths;

    FieldSet(IEnumerable<string> paths) => _paths = new(paths, StringComparer.Ordinal);

    /// <summary>Each leaf as its path elements joined by <see cref="Separator"/>.</summary>
    public IReadOnlySet<string> Paths => _paths;

    public const char Separator = '\u001f';

    public static readonly FieldSet Empty = new([]);

    public bool IsEmpty => _paths.Count == 0;

    public static FieldSet Of(IEnumerable<string> paths) => new(paths);

    /// <summary>The leaves <paramref name="obj"/> sets, read with the list types of <paramref name="modelType"/>.</summary>
    public static FieldSet From(JsonObject obj, Type modelType)
    {
        var paths = new List<string>();
        Walk(obj, modelType, "", paths);
        return new(paths);
    }

    static void Walk(JsonObject obj, Type? type, string prefix, List<string> paths)
    {
        foreach (var (name, value) in obj)
        {
            var path = Join(prefix, "f:" + name);
            var fieldType = type is not null && ModelFields.IsMap(type) ? ModelFields.ItemType(type) : ModelFields.FieldType(type, name);
            switch (value)
            {
                case JsonObject { Count: > 0 } child:
                    Walk(child, fieldType, path, paths);
                    break;
                case JsonArray list when KubernetesFieldMetadata.For(type, name) is { ListMapKeys: { Count: > 0 } keys }:
                    foreach (var item in list.OfType<JsonObject>()) Walk(item, ModelFields.ItemType(fieldType), Join(path, ItemKey(item, keys)), paths);
                    break;
                case JsonArray list when KubernetesFieldMetadata.For(type, name) is { ListType: "set" }:
                    paths.AddRange(list.Select(v => Join(path, "v:" + (v?.ToJsonString(Http.HttpJson.SerializerOptions) ?? "null"))));
                    break;
                default:
                    paths.Add(path);
                    break;
            }
        }
    }

    /// <summary>"k:{"name":"main"}": the item's map keys, sorted, as compact JSON.</summary>
    public static string ItemKey(JsonObject item, IEnumerable<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal)) key[k] = item[k]?.DeepClone();
        return "k:" + key.ToJsonString(Http.HttpJson.SerializerOptions);
    }

    static string Join(string prefix, string element) => prefix.Length == 0 ? element : prefix + Separator + element;

    public FieldSet Union(FieldSet other) => new(_paths.Union(other._paths));

    public FieldSet Except(FieldSet other) => new(_paths.Except(other._paths));

    public FieldSet Intersect(FieldSet other) => new(_paths.Intersect(other._paths));

    /// <summary>The FieldsV1 object (each item also marks itself with "."), as managedFields stores it.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in _paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child) node[element] = child = [];
                if (element.StartsWith("k:", StringComparison.Ordinal)) child["."] = new JsonObject();
                node = child;
            }
        }
        return root;
    }

    /// <summary>The leaves of a FieldsV1 object; anything that is not one reads as no fields.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fields)
    {
        var paths = new List<string>();
        if (fields is JsonObject obj) Read(obj, "", paths);
        return new(paths);
    }

    static void Read(JsonObject node, string prefix, List<string> paths)
    {
        foreach (var (element, child) in node)
        {
            if (element == ".") continue;
            var path = Join(prefix, element);
            if (child is JsonObject c && c.Any(p => p.Key != ".")) Read(c, path, paths);
            else if (!element.StartsWith("k:", StringComparison.Ordinal)) paths.Add(path);
        }
    }

    /// <summary>A path as Kubernetes prints it in conflicts: .spec.containers[name="main"].image, .metadata.finalizers[="x"].</summary>
    public static string Describe(string path) => string.Concat(path.Split(Separator).Select(element => element[..2] switch
    {
        "f:" => "." + element[2..],
        "v:" => $"[={element[2..]}]",
        _ => "[" + string.Join(",", (JsonNode.Parse(element[2..]) as JsonObject ?? []).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) + "]",
    }));
}
