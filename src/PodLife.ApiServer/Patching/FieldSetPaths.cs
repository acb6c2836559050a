using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>Reads, writes and removes the value at a <see cref="FieldSet"/> path of a JSON object.</summary>
public static class FieldSetPaths
{
    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var element in path.Split(FieldSet.Separator))
        {
            node = Child(node, element);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Sets the value at <paramref name="path"/>, creating the objects, lists and list items on the way.</summary>
    public static void Set(JsonObject obj, string path, JsonNode? value)
    {
        var elements = path.Split(FieldSet.Separator);
        JsonNode node = obj;
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            var last = i == elements.Length - 1;
            if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                var array = (JsonArray)node;
                if (Child(array, element) is null) array.Add(JsonNode.Parse(element[2..]));
                return;
            }
            if (last)
            {
                ((JsonObject)node)[element[2..]] = value?.DeepClone();
                return;
            }
            var next = Child(node, element);
            if (next is null)
            {
                next = element.StartsWith("k:", StringComparison.Ordinal) ? NewItem(element)
                    : elements[i + 1][..2] is "k:" or "v:" ? new JsonArray() : new JsonObject();
                if (node is JsonArray list) list.Add(next);
                else ((JsonObject)node)[element[2..]] = next;
            }
            node = next;
        }
    }

    /// <summary>Removes the value at <paramref name="path"/>; a list item left with nothing but its keys goes too.</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var elements = path.Split(FieldSet.Separator);
        var parents = new List<JsonNode> { obj };
        foreach (var element in elements[..^1])
        {
            if (Child(parents[^1], element) is not { } next) return;
            parents.Add(next);
        }
        var target = Child(parents[^1], elements[^1]);
        if (parents[^1] is JsonArray array) array.Remove(target);
        else ((JsonObject)parents[^1]).Remove(elements[^1][2..]);
        for (var i = elements.Length - 2; i >= 0; i--)
        {
            if (!elements[i].StartsWith("k:", StringComparison.Ordinal)) continue;
            var keys = (JsonObject)JsonNode.Parse(elements[i][2..])!;
            if (parents[i + 1] is JsonObject item && item.All(p => keys.ContainsKey(p.Key)) && parents[i] is JsonArray list) list.Remove(item);
        }
    }

    static JsonObject NewItem(string element) => (JsonObject)JsonNode.Parse(element[2..])!;

    static JsonNode? Child(JsonNode? node, string element) => (node, element[..2]) switch
    {
        (JsonObject obj, "f:") => obj[element[2..]],
        (JsonArray list, "k:") => list.OfType<JsonObject>().FirstOrDefault(item => Matches(item, NewItem(element))),
        (JsonArray list, "v:") => list.FirstOrDefault(v => JsonNode.DeepEquals(v, JsonNode.Parse(element[2..]))),
        _ => null,
    };

    static bool Matches(JsonObject item, JsonObject keys) => keys.All(k => JsonNode.DeepEquals(item[k.Key], k.Value));
}
