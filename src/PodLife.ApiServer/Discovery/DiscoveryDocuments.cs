using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Core;

namespace PodLife.ApiServer.Discovery;

/// <summary>The discovery documents kubectl reads first: /api, /apis, /api/v1, /apis/GROUP/VERSION, /version.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = KubernetesRelease.Major,
        ["minor"] = KubernetesRelease.Minor,
        ["gitVersion"] = KubernetesRelease.GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = OperatingSystem.IsWindows() ? "windows/amd64" : "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var group in catalog.GroupVersions.Where(g => g.Group.Length > 0).GroupBy(g => g.Group)) groups.Add(ApiGroup(group));
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The APIGroup document of /apis/GROUP, or null when the group is not served.</summary>
    public static JsonObject? Group(ResourceCatalog catalog, string name)
    {
        var versions = catalog.GroupVersions.Where(g => g.Group == name && name.Length > 0).ToList();
        if (versions.Count == 0) return null;
        var group = ApiGroup(versions.GroupBy(g => g.Group).Single());
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        return group;
    }

    static JsonObject ApiGroup(IGrouping<string, (string Group, string Version)> group) => new()
    {
        ["name"] = group.Key,
        ["versions"] = new JsonArray([.. group.Select(g => (JsonNode)GroupVersion(g.Group, g.Version))]),
        ["preferredVersion"] = GroupVersion(group.Key, group.First().Version),
    };

    static JsonObject GroupVersion(string group, string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };

    /// <summary>The APIResourceList of one group/version, or null when it is not served.</summary>
    public static JsonObject? Resources(ResourceCatalog catalog, string group, string version)
    {
        var defs = catalog.All.Where(d => d.Group == group && d.Version == version).ToList();
        if (defs.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var def in defs)
        {
            resources.Add(Resource(def));
            foreach (var sub in def.Subresources) resources.Add(Subresource(def, sub));
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    static JsonObject Resource(ResourceDefinition def)
    {
        var r = new JsonObject
        {
            ["name"] = def.Resource,
            ["singularName"] = def.Singular,
            ["namespaced"] = def.Namespaced,
            ["kind"] = def.Kind,
            ["verbs"] = Strings(def.Resource == "namespaces" ? def.Verbs.Where(v => v != "deletecollection") : def.Verbs),
        };
        if (def.ShortNames.Length > 0) r["shortNames"] = Strings(def.ShortNames);
        if (def.Categories.Length > 0) r["categories"] = Strings(def.Categories);
        return r;
    }

    // Subresource kinds and verbs as kube-apiserver lists them (e.g. pods/eviction is a policy/v1 Eviction).
    static JsonObject Subresource(ResourceDefinition def, string sub)
    {
        var (kind, verbs, group, version) = sub switch
        {
            "status" => (def.Kind, new[] { "get", "patch", "update" }, (string?)null, (string?)null),
            "binding" => ("Binding", ["create"], null, null),
            "eviction" => ("Eviction", ["create"], "policy", "v1"),
            "log" => ("Pod", ["get"], null, null),
            "exec" => ("PodExecOptions", ["create", "get"], null, null),
            "attach" => ("PodAttachOptions", ["create", "get"], null, null),
            "portforward" => ("PodPortForwardOptions", ["create", "get"], null, null),
            "proxy" => ($"{def.Kind}ProxyOptions", ["create", "delete", "get", "patch", "update"], null, null),
            "ephemeralcontainers" => (def.Kind, ["get", "patch", "update"], null, null),
            History.PodExplanationSubresource.Name => (History.PodExplanationSubresource.Kind, ["get"], null, null),
            "finalize" => (def.Kind, ["update"], null, null),
            _ => (def.Kind, ["get"], null, null),
        };
        var r = new JsonObject { ["name"] = $"{def.Resource}/{sub}", ["singularName"] = "", ["namespaced"] = def.Namespaced };
        if (group is not null) { r["group"] = group; r["version"] = version; }
        r["kind"] = kind;
        r["verbs"] = Strings(verbs);
        return r;
    }

    static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
