using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// RFC 6902 JSON patch (<c>application/json-patch+json</c>). Failures are 422 with the wording of the
/// json-patch library kube-apiserver uses (github.com/evanphx/json-patch).
/// </summary>
static class JsonPatch
{
    /// <summary>kube-apiserver refuses longer patches (maxJSONPatchOperations in endpoints/handlers/patch.go).</summary>
    public const int MaxOperations = 10000;

    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException(400, $"json: cannot unmarshal {GoKind(patch)} into Go value of type jsonpatch.Patch");
        }
        if (operations.Count > MaxOperations)
        {
            throw new PatchException(413,
                $"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }
        foreach (var item in operations)
        {
            if (item is not JsonObject operation)
            {
                throw new PatchException(400, $"json: cannot unmarshal {GoKind(item)} into Go value of type jsonpatch.Operation");
            }
            document = ApplyOne(document, operation);
        }
        return document;
    }

    static JsonNode? ApplyOne(JsonNode? document, JsonObject operation)
    {
        var op = Text(operation, "op");
        var path = JsonPointer.Parse(Text(operation, "path") ?? "");
        switch (op)
        {
            case "add":
                return Add(document, path, Value(operation, op));
            case "remove":
                Remove(document, path, $"remove operation does not apply: doc is missing path: \"{path}\"");
                return document;
            case "replace":
                if (!path.TryGet(document, out _))
                {
                    throw new PatchException(422, $"replace operation does not apply: doc is missing key: {path}: missing value");
                }
                if (path.IsRoot) return Value(operation, op);
                Remove(document, path, "");
                return Add(document, path, Value(operation, op));
            case "move" or "copy":
                var from = JsonPointer.Parse(Text(operation, "from") ?? "");
                if (!from.TryGet(document, out var value))
                {
                    throw new PatchException(422, $"{op} operation does not apply: doc is missing from path: {from}: missing value");
                }
                if (op == "copy") return Add(document, path, value?.DeepClone());
                if (path.IsBelow(from))
                {
                    throw new PatchException(422, $"move operation does not apply: cannot move {from} into its own child {path}");
                }
                Remove(document, from, "");
                return Add(document, path, value);
            case "test":
                var expected = Value(operation, op);
                if (path.TryGet(document, out var actual) && JsonNode.DeepEquals(actual, expected)) return document;
                throw new PatchException(422, $"testing value {path} failed: test failed");
            default:
                throw new PatchException(422, $"Unexpected kind: {op ?? "unknown"}");
        }
    }

    static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot) return value;
        path.TryResolve(document, path.Tokens.Count - 1, out var parent);
        switch (parent)
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array when path.Last == "-":
                array.Add(value);
                break;
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count, out var index):
                array.Insert(index, value);
                break;
            case JsonArray:
                throw new PatchException(422, $"Unable to access invalid index: {path.Last}: invalid index referenced");
            default:
                throw new PatchException(422, $"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }
        return document;
    }

    static void Remove(JsonNode? document, JsonPointer path, string missing)
    {
        path.TryResolve(document, path.Tokens.Count - 1, out var parent);
        var removed = path.IsRoot ? false : parent switch
        {
            JsonObject obj => obj.Remove(path.Last),
            JsonArray array when JsonPointer.TryIndex(path.Last, array.Count - 1, out var index) => RemoveAt(array, index),
            _ => false,
        };
        if (!removed) throw new PatchException(422, missing.Length > 0 ? missing : $"doc is missing path: \"{path}\"");
    }

    static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    static string? Text(JsonObject operation, string name) =>
        operation[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static JsonNode? Value(JsonObject operation, string? op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new PatchException(422, $"{op} operation, missing value");

    static string GoKind(JsonNode? node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        null => "null",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
    };
}
