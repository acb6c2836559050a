using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// Kubernetes' strategic merge patch (<c>application/strategic-merge-patch+json</c>), as
/// k8s.io/apimachinery/pkg/util/strategicpatch applies it on the server: maps merge, null deletes,
/// lists with a patch merge key merge element by element, other lists are replaced, and the
/// <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/</c> and <c>$deleteFromPrimitiveList/</c>
/// directives are honoured.
/// </summary>
static class StrategicMergePatch
{
    public const string Directive = "$patch";
    const string RetainKeys = "$retainKeys";
    const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    const string SetElementOrder = "$setElementOrder/";

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which is changed in place.</summary>
    public static JsonObject MergeObject(JsonObject? original, JsonObject patch, Type? type)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            return DirectiveOnMap(directive, patch, type);
        }
        original ??= [];
        ApplyRetainKeys(original, patch);
        var orders = ElementOrders(patch);
        foreach (var (key, value) in patch)
        {
            if (key == RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal)) continue;
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteFromList(original, key[DeleteFromPrimitiveList.Length..], value);
                continue;
            }
            if (value is null)
            {
                // The apiserver merges with IgnoreUnmatchedNulls: null deletes, and is never stored.
                original.Remove(key);
                continue;
            }
            original.TryGetPropertyValue(key, out var current);
            var merged = MergeValue(current, value, ChildType(type, key), KubernetesFieldMetadata.For(type, key),
                orders.GetValueOrDefault(key));
            if (!ReferenceEquals(merged, current)) original[key] = merged;
        }
        foreach (var (key, order) in orders)
        {
            // $setElementOrder for a list the patch does not change still reorders the live list.
            if (!patch.ContainsKey(key) && original[key] is JsonArray live)
            {
                original[key] = StrategicListMerge.Merge(live, [], ModelFields.ItemType(ChildType(type, key)),
                    KubernetesFieldMetadata.For(type, key), order);
            }
        }
        return original;
    }

    static JsonNode? MergeValue(JsonNode? current, JsonNode value, Type? fieldType, FieldMetadata? metadata, JsonArray? order) =>
        (current, value) switch
        {
            (JsonObject o, JsonObject p) => MergeObject(o, p, fieldType),
            (not JsonObject and not JsonArray, JsonObject p) => MergeObject(null, p, fieldType),
            (JsonArray o, JsonArray p) => StrategicListMerge.Merge(o, p, ModelFields.ItemType(fieldType), metadata, order),
            (not JsonObject and not JsonArray, JsonArray p) =>
                StrategicListMerge.Merge([], p, ModelFields.ItemType(fieldType), metadata, order),
            _ => value.DeepClone(),
        };

    /// <summary>The model type of a field's value; a map's values all share the map's value type.</summary>
    static Type? ChildType(Type? type, string key) =>
        type is not null && ModelFields.IsMap(type) ? ModelFields.ItemType(type) : ModelFields.FieldType(type, key);

    static JsonObject DirectiveOnMap(JsonNode? directive, JsonObject patch, Type? type)
    {
        switch (directive is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
        {
            case "replace":
                var replacement = patch.DeepClone().AsObject();
                replacement.Remove(Directive);
                return MergeObject(null, replacement, type);
            case "delete":
                return [];
            default:
                throw new PatchException(422, $"unknown patch type: {GoText.Of(directive)} in map: {GoText.Of(patch)}");
        }
    }

    static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeys, out var retain)) return;
        if (retain is not JsonArray keys) throw new PatchException(400, "invalid patch format of retainKeys");
        var kept = keys.Select(k => k is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToHashSet();
        foreach (var (key, value) in patch)
        {
            if (value is null || key == RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal) ||
                key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal)) continue;
            if (!kept.Contains(key)) throw new PatchException(400, "invalid patch format of retainKeys");
        }
        foreach (var key in original.Select(p => p.Key).Where(k => !kept.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    static Dictionary<string, JsonArray> ElementOrders(JsonObject patch)
    {
        var orders = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith(SetElementOrder, StringComparison.Ordinal)) continue;
            orders[key[SetElementOrder.Length..]] = value as JsonArray
                ?? throw new PatchException(400, "invalid patch format of setElementOrder list");
        }
        return orders;
    }

    static void DeleteFromList(JsonObject original, string key, JsonNode? toDelete)
    {
        if (toDelete is not JsonArray values) throw new PatchException(400, "invalid patch format of primitive list");
        if (original[key] is not JsonArray list) return;
        foreach (var item in list.Where(i => values.Any(d => JsonNode.DeepEquals(i, d))).ToList())
        {
            list.Remove(item);
        }
    }
}
