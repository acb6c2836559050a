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
                Remove(document, path, "remove");
                return document;
            case "replace":
                if (!path.TryResolve(document, path.Tokens.Count - 1, out var parent) || parent is not (JsonObject or JsonArray))
                {
                    throw new PatchException(422, $"replace operation does not apply: doc is missing path: {path}: missing value");
                }
                if (!path.TryGet(document, out _))
                {
                    throw new PatchException(422, $"replace operation does not apply: doc is missing key: {path}: missing value");
                }
                if (path.IsRoot) return Value(operation, op);
                Remove(document, path, "replace");
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
                Remove(document, from, "move");
                return Add(document, path, value);
            case "test":
                var expected = Value(operation, op);
                if (!path.TryResolve(document, path.Tokens.Count - 1, out var container) || container is not (JsonObject or JsonArray) && !path.IsRoot)
                {
                    throw new PatchException(422, $"test operation does not apply: is missing path: {path}: missing value");
                }
                // A missing key tests equal to null, as in evanphx/json-patch.
                path.TryGet(document, out var actual);
                if (JsonNode.DeepEquals(actual, expected)) return document;
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
                throw new PatchException(422, $"error in add for path: '{path}': Unable to access invalid index: {path.Last}: invalid index referenced");
            default:
                throw new PatchException(422, $"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }
        return document;
    }

    static void Remove(JsonNode? document, JsonPointer path, string op)
    {
        if (path.IsRoot || !path.TryResolve(document, path.Tokens.Count - 1, out var parent) || parent is not (JsonObject or JsonArray))
        {
            throw new PatchException(422, $"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(path.Last) ? null : $"Unable to remove nonexistent key: {path.Last}: missing value",
            JsonArray array when JsonPointer.TryIndex(path.Last, array.Count - 1, out var index) => RemoveAt(array, index),
            _ => $"Unable to access invalid index: {path.Last}: invalid index referenced",
        };
        if (removed is not null) throw new PatchException(422, $"error in {op} for path: '{path}': {removed}");
    }

    static string? RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return null;
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
