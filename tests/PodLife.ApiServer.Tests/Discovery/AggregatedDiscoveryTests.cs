using System.Text.Json.Nodes;
using PodLife.ApiServer.Discovery;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tests.Discovery;

/// <summary>The aggregated discovery documents and the Accept negotiation that picks them.</summary>
public sealed class AggregatedDiscoveryTests
{
    const string V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    const string V2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    [Theory]
    [InlineData(V2 + "," + V2Beta1 + ",application/json", "v2")]
    [InlineData(V2Beta1 + ",application/json", "v2beta1")]
    [InlineData("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io", "v2")]
    [InlineData("application/json," + V2, null)]
    [InlineData("application/json", null)]
    [InlineData("*/*", null)]
    [InlineData("", null)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", null)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=unknown", null)]
    public void TheFirstAcceptableMediaTypeDecides(string accept, string? expected) =>
        Assert.Equal(expected, AggregatedDiscovery.Negotiate(accept));

    [Fact]
    public void TheCoreGroupListsPodsWithTheirSubresourcesScopeAndNames()
    {
        var list = AggregatedDiscovery.List(ResourceCatalog.Create(), core: true, "v2");

        Assert.Equal("APIGroupDiscoveryList", list["kind"]!.GetValue<string>());
        Assert.Equal("apidiscovery.k8s.io/v2", list["apiVersion"]!.GetValue<string>());
        var core = Assert.Single(list["items"]!.AsArray())!;
        Assert.Null(core["metadata"]!["name"]);
        var v1 = Assert.Single(core["versions"]!.AsArray())!;
        Assert.Equal("v1", v1["version"]!.GetValue<string>());
        Assert.Equal("Current", v1["freshness"]!.GetValue<string>());
        var resources = v1["resources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(resources.Select(Name).Order(StringComparer.Ordinal), resources.Select(Name));

        var pods = resources.Single(r => Name(r) == "pods");
        Assert.Equal("""{"group":"","version":"","kind":"Pod"}""", pods["responseKind"]!.ToJsonString());
        Assert.Equal("Namespaced", pods["scope"]!.GetValue<string>());
        Assert.Equal("pod", pods["singularResource"]!.GetValue<string>());
        Assert.Equal(["po"], Strings(pods["shortNames"]));
        Assert.Equal(["all"], Strings(pods["categories"]));
        Assert.Contains("watch", Strings(pods["verbs"]));
        var subresources = pods["subresources"]!.AsArray().ToDictionary(s => s!["subresource"]!.GetValue<string>(), s => s!.AsObject());
        Assert.Equal(["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "status"], subresources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["get", "patch", "update"], Strings(subresources["ephemeralcontainers"]["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal(["create", "get"], Strings(subresources["exec"]["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal(["create", "get"], Strings(subresources["attach"]["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal("""{"group":"","version":"","kind":"PodAttachOptions"}""", subresources["attach"]["responseKind"]!.ToJsonString());
        Assert.Equal(["create", "get"], Strings(subresources["portforward"]["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal("""{"group":"","version":"","kind":"PodPortForwardOptions"}""", subresources["portforward"]["responseKind"]!.ToJsonString());
        Assert.Equal(["create", "delete", "get", "patch", "update"], Strings(subresources["proxy"]["verbs"]).Order(StringComparer.Ordinal));
        Assert.Equal("""{"group":"","version":"","kind":"PodProxyOptions"}""", subresources["proxy"]["responseKind"]!.ToJsonString());
        Assert.Equal("""{"group":"policy","version":"v1","kind":"Eviction"}""", subresources["eviction"]["responseKind"]!.ToJsonString());
        Assert.Equal(["get", "patch", "update"], Strings(subresources["status"]["verbs"]));

        var nodes = resources.Single(r => Name(r) == "nodes");
        Assert.Equal("Cluster", nodes["scope"]!.GetValue<string>());
    }

    [Fact]
    public void EveryOtherGroupIsOneItemNamedAfterIt()
    {
        var catalog = ResourceCatalog.Create();
        var list = AggregatedDiscovery.List(catalog, core: false, "v2beta1");

        Assert.Equal("apidiscovery.k8s.io/v2beta1", list["apiVersion"]!.GetValue<string>());
        var names = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(catalog.GroupVersions.Where(g => g.Group.Length > 0).Select(g => g.Group).Distinct(), names);
        var coordination = list["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "coordination.k8s.io")!;
        var leases = coordination["versions"]![0]!["resources"]!.AsArray().Single(r => Name(r!.AsObject()) == "leases")!;
        Assert.Equal("Lease", leases["responseKind"]!["kind"]!.GetValue<string>());
    }

    static string Name(JsonObject resource) => resource["resource"]!.GetValue<string>();

    static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
