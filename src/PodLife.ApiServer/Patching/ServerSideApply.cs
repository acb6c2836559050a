using System.Text.Json.Nodes;
using PodLife.Core.Client;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// Server-side apply (PATCH application/apply-patch+yaml) with simplified field ownership: each applier owns the
/// leaves of its last applied configuration (metadata.managedFields, operation Apply). Applying a value another
/// applier owns is a conflict unless forced (then the field changes hands); fields an applier stops applying are
/// removed unless someone else owns them. Simplified: writes other than apply record no ownership.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Returns <paramref name="live"/> (null: the object does not exist yet) with <paramref name="config"/> applied.</summary>
    /// <exception cref="PatchException">409 listing the conflicts, worded as kube-apiserver's.</exception>
    public static JsonObject Apply(JsonObject? live, JsonObject config, string manager, bool force, Type modelType, DateTimeOffset now)
    {
        var obj = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        var applied = FieldSet.From(Owned(config), modelType);
        var entries = Entries(obj);
        var mine = entries.FirstOrDefault(e => Str(e, "manager") == manager && Str(e, "operation") == "Apply");
        var previous = FieldSet.FromFieldsV1(mine?["fieldsV1"]);
        var conflicts = new List<(string Manager, string Path)>();
        var othersOwn = FieldSet.Empty;
        foreach (var other in entries.Where(e => e != mine))
        {
            var owned = FieldSet.FromFieldsV1(other["fieldsV1"]);
            var conflicting = owned.Intersect(applied).Paths.Where(p => !JsonNode.DeepEquals(FieldSetPaths.Get(obj, p), FieldSetPaths.Get(config, p))).ToList();
            if (force) owned = owned.Except(FieldSet.Of(conflicting));
            else conflicts.AddRange(conflicting.Select(p => (Str(other, "manager"), p)));
            other["fieldsV1"] = owned.ToFieldsV1();
            othersOwn = othersOwn.Union(owned);
        }
        if (conflicts.Count > 0) throw new PatchException(409, ConflictMessage(conflicts));

        foreach (var path in previous.Except(applied).Except(othersOwn).Paths) FieldSetPaths.Remove(obj, path);
        foreach (var path in applied.Paths.Order(StringComparer.Ordinal)) FieldSetPaths.Set(obj, path, FieldSetPaths.Get(config, path));
        foreach (var field in new[] { "apiVersion", "kind" }) obj[field] = config[field]?.DeepClone();
        var meta = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = meta;
        foreach (var field in new[] { "name", "namespace", "generateName" })
            if (config["metadata"]?[field] is { } value) meta[field] = value.DeepClone();

        if (mine is null) entries.Add(mine = new JsonObject { ["manager"] = manager, ["operation"] = "Apply" });
        mine["apiVersion"] = config["apiVersion"]?.DeepClone();
        mine["time"] = Rfc3339Format.SecondsText(now);
        mine["fieldsType"] = "FieldsV1";
        mine["fieldsV1"] = applied.ToFieldsV1();
        meta["managedFields"] = new JsonArray([.. entries.Where(e => e["fieldsV1"] is JsonObject { Count: > 0 }).Select(e => (JsonNode)e.DeepClone())]);
        return obj;
    }

    // Identity and server-set fields are not owned (structured-merge-diff's ignored fields); status is not applied to the main resource.
    static JsonObject Owned(JsonObject config)
    {
        var owned = (JsonObject)config.DeepClone();
        foreach (var field in new[] { "apiVersion", "kind", "status" }) owned.Remove(field);
        if (owned["metadata"] is JsonObject meta)
        {
            foreach (var field in new[] { "name", "namespace", "generateName", "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation" })
                meta.Remove(field);
            if (meta.Count == 0) owned.Remove("metadata");
        }
        return owned;
    }

    static List<JsonObject> Entries(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList();

    static string Str(JsonObject obj, string field) => obj[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    // getConflictMessage (k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go).
    static string ConflictMessage(List<(string Manager, string Path)> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\": {FieldSet.Describe(conflicts[0].Path)}";
        var lines = conflicts.GroupBy(c => c.Manager).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with \"{g.Key}\":" }.Concat(g.Select(c => $"- {FieldSet.Describe(c.Path)}")));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
