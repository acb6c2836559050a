using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// The list half of strategic merge patch: lists declared <c>patchStrategy=merge</c> merge element by
/// element (maps by their patch merge key, scalars as a set); all others are replaced by the patch.
/// The resulting order follows strategicpatch's normalizeElementOrder: patch (or $setElementOrder) order
/// for the elements the patch names, live order for the rest, interleaved by their live positions.
/// </summary>
static class StrategicListMerge
{
    public static JsonArray Merge(JsonArray original, JsonArray patch, Type? itemType, FieldMetadata? metadata, JsonArray? order)
    {
        if (metadata?.MergesList != true) return (JsonArray)patch.DeepClone();
        var live = original.Select(i => i?.DeepClone()).ToList();
        var changes = patch.ToList();
        CheckElementKinds(live.Concat(changes).Concat(order ?? []).ToList());
        var key = live.Concat(changes).Any(i => i is JsonObject) ? MergeKey(metadata) : null;
        if (order is not null) CheckOrder(changes, order, key);
        if (key is not null && ApplySpecialElements(live, ref changes, key, itemType) is { } replaced)
        {
            return [.. replaced];
        }
        var keptCount = live.Count;
        foreach (var change in changes)
        {
            if (key is not null && !((JsonObject)change!).ContainsKey(key)) throw NoMergeKey((JsonObject)change, key);
            var index = live.FindIndex(i => SameElement(i, change, key));
            if (key is null)
            {
                if (index < 0) live.Add(change?.DeepClone());
            }
            else if (index < 0)
            {
                live.Add(StrategicMergePatch.MergeObject(null, (JsonObject)change!, itemType));
            }
            else
            {
                live[index] = StrategicMergePatch.MergeObject((JsonObject)live[index]!, (JsonObject)change!, itemType);
            }
        }
        // The live order strategicpatch compares against is the live list as Go's slices alias it: the
        // elements kept after deletions, then (with $setElementOrder, up to the original length) the added ones.
        var serverOrder = live.Take(order is null ? keptCount : original.Count).ToList();
        return [.. Ordered(live, order?.ToList() ?? changes, serverOrder, key)];
    }

    /// <summary>The elements the patch names must appear in the same relative order in $setElementOrder.</summary>
    static void CheckOrder(List<JsonNode?> changes, JsonArray order, string? key)
    {
        var named = changes.Where(c => c is not JsonObject o || !o.ContainsKey(StrategicMergePatch.Directive)).ToList();
        int c = 0, o = 0;
        for (; c < named.Count && o < order.Count; o++)
        {
            if (SameElement(named[c], order[o], key)) c++;
        }
        if (c < named.Count)
        {
            throw new PatchException(422, $"The order in patch list:\n{GoText.Of(new JsonArray([.. changes.Select(x => x?.DeepClone())]))}\n" +
                $" doesn't match $setElementOrder list:\n{GoText.Of(order)}\n");
        }
    }

    /// <summary>Applies <c>{"$patch": "delete"|"replace"}</c> elements; returns the whole new list on replace.</summary>
    static List<JsonNode?>? ApplySpecialElements(List<JsonNode?> live, ref List<JsonNode?> changes, string key, Type? itemType)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var change in changes.Cast<JsonObject>())
        {
            if (!change.TryGetPropertyValue(StrategicMergePatch.Directive, out var directive))
            {
                plain.Add(change);
                continue;
            }
            switch (directive is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            {
                case "delete":
                    if (!change.ContainsKey(key)) throw NoMergeKey(change, key);
                    live.RemoveAll(i => SameElement(i, change, key));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw new PatchException(422, "merging lists cannot yet be specified in the patch");
                default:
                    throw new PatchException(422, $"unknown patch type: {GoText.Of(directive)} in map: {GoText.Of(change)}");
            }
        }
        changes = plain;
        return replace ? plain.Select(p => (JsonNode?)StrategicMergePatch.MergeObject(null, (JsonObject)p!, itemType)).ToList() : null;
    }

    static IEnumerable<JsonNode?> Ordered(List<JsonNode?> merged, List<JsonNode?> wanted, List<JsonNode?> serverOrder, string? key)
    {
        int IndexIn(List<JsonNode?> list, JsonNode? item) => list.FindIndex(i => SameElement(i, item, key));
        var named = merged.Where(i => IndexIn(wanted, i) >= 0).OrderBy(i => IndexIn(wanted, i)).ToList();
        var serverOnly = merged.Where(i => IndexIn(wanted, i) < 0).OrderBy(i => IndexIn(serverOrder, i)).ToList();
        int s = 0, n = 0;
        while (s < serverOnly.Count || n < named.Count)
        {
            // A live-only element goes first only when both are live and it came first there.
            var serverFirst = n >= named.Count || s < serverOnly.Count &&
                IndexIn(serverOrder, named[n]) is >= 0 and var ni && IndexIn(serverOrder, serverOnly[s]) is >= 0 and var si && si < ni;
            yield return serverFirst ? serverOnly[s++] : named[n++];
        }
    }

    static bool SameElement(JsonNode? a, JsonNode? b, string? key) => key is null
        ? JsonNode.DeepEquals(a, b)
        : a is JsonObject x && b is JsonObject y && x.TryGetPropertyValue(key, out var kx) &&
          y.TryGetPropertyValue(key, out var ky) && JsonNode.DeepEquals(kx, ky);

    static string MergeKey(FieldMetadata metadata) =>
        metadata.PatchMergeKey ?? throw new PatchException(422, "cannot merge lists without merge key for type map");

    static void CheckElementKinds(List<JsonNode?> items)
    {
        if (items.Any(i => i is JsonArray)) throw new PatchException(422, "lists of lists are not supported");
        if (items.Any(i => i is JsonObject) && items.Any(i => i is not JsonObject))
        {
            throw new PatchException(422, $"list element types are not identical: {GoText.Of(new JsonArray([.. items.Select(i => i?.DeepClone())]))}");
        }
    }

    static PatchException NoMergeKey(JsonObject item, string key) =>
        new(422, $"map: {GoText.Of(item)} does not contain declared merge key: {key}");
}
