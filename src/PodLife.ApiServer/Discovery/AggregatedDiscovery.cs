using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Discovery;

/// <summary>
/// Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1): every group, version and resource in one answer of /api or
/// /apis, so kubectl needs one request instead of one per group/version. Built from the legacy APIResourceLists the
/// way kube-apiserver converts them (endpoints/installer.go ConvertGroupVersionIntoToDiscovery), so both forms agree.
/// </summary>
public static class AggregatedDiscovery
{
    public const string Group = "apidiscovery.k8s.io";

    /// <summary>The APIGroupDiscoveryList of the core group (/api) or of every other group (/apis).</summary>
    public static JsonObject List(ResourceCatalog catalog, bool core, string version)
    {
        var items = new JsonArray();
        foreach (var group in catalog.GroupVersions.Where(g => (g.Group.Length == 0) == core).GroupBy(g => g.Group))
        {
            var metadata = new JsonObject();
            if (!core) metadata["name"] = group.Key;
            metadata["creationTimestamp"] = null;
            var versions = new JsonArray();
            foreach (var (name, ver) in group)
                versions.Add(new JsonObject
                {
                    ["version"] = ver,
                    ["resources"] = Resources(DiscoveryDocuments.Resources(catalog, name, ver)!),
                    ["freshness"] = "Current",
                });
            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versions });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = $"{Group}/{version}",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    // Resources first, then each subresource under its parent; names in the order kube-apiserver registers them (sorted).
    static JsonArray Resources(JsonObject resourceList)
    {
        var all = resourceList["resources"]!.AsArray().Select(r => r!.AsObject()).OrderBy(r => r.Str("name"), StringComparer.Ordinal).ToList();
        var parents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var r in all.Where(r => !r.Str("name").Contains('/')))
        {
            var resource = new JsonObject
            {
                ["resource"] = r.Str("name"),
                ["responseKind"] = Kind(r),
                ["scope"] = r["namespaced"]?.GetValue<bool>() == true ? "Namespaced" : "Cluster",
                ["singularResource"] = r.Str("singularName"),
                ["verbs"] = r["verbs"]?.DeepClone(),
            };
            if (r["shortNames"] is { } shortNames) resource["shortNames"] = shortNames.DeepClone();
            if (r["categories"] is { } categories) resource["categories"] = categories.DeepClone();
            parents[r.Str("name")] = resource;
            result.Add(resource);
        }
        foreach (var r in all.Where(r => r.Str("name").Contains('/')))
        {
            var name = r.Str("name");
            var slash = name.IndexOf('/');
            if (!parents.TryGetValue(name[..slash], out var owner)) continue;
            if (owner["subresources"] is not JsonArray list) owner["subresources"] = list = [];
            list.Add(new JsonObject { ["subresource"] = name[(slash + 1)..], ["responseKind"] = Kind(r), ["verbs"] = r["verbs"]?.DeepClone() });
        }
        return result;
    }

    // Group and version stay empty unless the kind lives in another group/version (pods/eviction is a policy/v1 Eviction).
    static JsonObject Kind(JsonObject resource) => new()
    {
        ["group"] = resource.Str("group"),
        ["version"] = resource.Str("version"),
        ["kind"] = resource.Str("kind"),
    };

    /// <summary>
    /// The aggregated discovery version the Accept header asks for first ("v2" or "v2beta1"), or null when the client
    /// prefers (or only accepts) the legacy documents. Media types are tried in the order given, as kube-apiserver does.
    /// </summary>
    public static string? Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept)) return null;
        foreach (var mediaType in accept.Split(','))
        {
            var parts = mediaType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var type = parts[0];
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
            parameters.Remove("q");
            if (parameters.Count == 0 && type is "application/json" or "*/*" or "application/*") return null;
            if (type != "application/json" || parameters.Count != 3) continue;
            if (parameters.GetValueOrDefault("g") == Group && parameters.GetValueOrDefault("as") == "APIGroupDiscoveryList"
                && parameters.GetValueOrDefault("v") is "v2" or "v2beta1")
                return parameters["v"];
        }
        return null;
    }

    /// <summary>The response content type for a negotiated version, which clients check to know the format.</summary>
    public static string ContentType(string version) => $"application/json;g={Group};v={version};as=APIGroupDiscoveryList";
}
