using System.Text.Json.Nodes;
using PodLife.ApiServer.OpenApi;

namespace PodLife.ApiServer.Tests.OpenApi;

public class OpenApiDocumentTests
{
    static readonly JsonNode CoreV1 = JsonNode.Parse(OpenApiDocuments.V3["api/v1"].Json)!;
    static readonly JsonNode V2 = JsonNode.Parse(OpenApiDocuments.V2.Json)!;

    static JsonNode Schema(string name) => CoreV1["components"]!["schemas"]![name] ?? throw new KeyNotFoundException(name);

    static JsonNode Field(string type, string field) => Schema(type)["properties"]![field] ?? throw new KeyNotFoundException(field);

    // Markers from k8s.io/api/core/v1/types.go (+patchMergeKey, +patchStrategy, +listType, +listMapKey).
    [Theory]
    [InlineData("io.k8s.api.core.v1.PodSpec", "containers", "name", "merge", "map", "name")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "initContainers", "name", "merge", "map", "name")]
    [InlineData("io.k8s.api.core.v1.PodSpec", "volumes", "name", "merge,retainKeys", "map", "name")]
    [InlineData("io.k8s.api.core.v1.Container", "env", "name", "merge", "map", "name")]
    [InlineData("io.k8s.api.core.v1.Container", "ports", "containerPort", "merge", "map", "containerPort,protocol")]
    [InlineData("io.k8s.api.core.v1.Container", "volumeMounts", "mountPath", "merge", "map", "mountPath")]
    [InlineData("io.k8s.api.core.v1.PodStatus", "conditions", "type", "merge", "map", "type")]
    [InlineData("io.k8s.api.core.v1.NodeStatus", "conditions", "type", "merge", "map", "type")]
    [InlineData("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences", "uid", "merge", "map", "uid")]
    public void MergedListsCarryKubernetesPatchAndListExtensions(string type, string field, string key, string strategy, string listType, string mapKeys)
    {
        var schema = Field(type, field);
        Assert.Equal(key, (string?)schema["x-kubernetes-patch-merge-key"]);
        Assert.Equal(strategy, (string?)schema["x-kubernetes-patch-strategy"]);
        Assert.Equal(listType, (string?)schema["x-kubernetes-list-type"]);
        Assert.Equal(mapKeys.Split(','), schema["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public void AtomicListsHaveNoMergeKey()
    {
        var tolerations = Field("io.k8s.api.core.v1.PodSpec", "tolerations");
        Assert.Equal("atomic", (string?)tolerations["x-kubernetes-list-type"]);
        Assert.Null(tolerations["x-kubernetes-patch-merge-key"]);
    }

    [Theory]
    [InlineData("io.k8s.api.core.v1.Pod", "", "v1", "Pod")]
    [InlineData("io.k8s.api.core.v1.PodList", "", "v1", "PodList")]
    [InlineData("io.k8s.api.core.v1.Event", "", "v1", "Event")]
    [InlineData("io.k8s.api.policy.v1.Eviction", "policy", "v1", "Eviction")]
    [InlineData("io.k8s.apimachinery.pkg.apis.meta.v1.Status", "", "v1", "Status")]
    public void KindsCarryTheirGroupVersionKind(string type, string group, string version, string kind)
    {
        var gvk = Assert.Single(Schema(type)["x-kubernetes-group-version-kind"]!.AsArray())!;
        Assert.Equal((group, version, kind), ((string?)gvk["group"], (string?)gvk["version"], (string?)gvk["kind"]));
    }

    [Theory]
    [InlineData("io.k8s.api.core.v1.PodSpec", "containers")]
    [InlineData("io.k8s.api.core.v1.Container", "name")]
    [InlineData("io.k8s.api.core.v1.ContainerPort", "containerPort")]
    [InlineData("io.k8s.api.core.v1.VolumeMount", "mountPath,name")]
    [InlineData("io.k8s.api.core.v1.PodCondition", "status,type")]
    public void RequiredFieldsAreListed(string type, string required) =>
        Assert.Equal(required.Split(','), Schema(type)["required"]!.AsArray().Select(r => (string?)r).Order());

    [Fact]
    public void FieldsReferToNamedSchemasWithTheirDescriptions()
    {
        var containers = Field("io.k8s.api.core.v1.PodSpec", "containers");
        Assert.Equal("array", (string?)containers["type"]);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", (string?)containers["items"]!["allOf"]![0]!["$ref"]);
        Assert.StartsWith("List of containers belonging to the pod.", (string?)containers["description"]);
        Assert.Equal("A single application container that you want to run within a pod.", (string?)Schema("io.k8s.api.core.v1.Container")["description"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            (string?)Field("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp")["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void QuantityAndIntOrStringAreDeclaredAsKubernetesDeclaresThem()
    {
        Assert.NotNull(Schema("io.k8s.apimachinery.pkg.util.intstr.IntOrString")["oneOf"]);
        Assert.True((bool?)Schema("io.k8s.apimachinery.pkg.util.intstr.IntOrString")["x-kubernetes-int-or-string"]);
        Assert.Equal("string", (string?)V2["definitions"]!["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["type"]);
        Assert.Equal("int-or-string", (string?)V2["definitions"]!["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["format"]);
        Assert.Equal("string", (string?)V2["definitions"]!["io.k8s.apimachinery.pkg.api.resource.Quantity"]!["type"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
            (string?)Field("io.k8s.api.core.v1.ResourceRequirements", "limits")["additionalProperties"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("date-time", (string?)Schema("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime")["format"]);
    }

    [Fact]
    public void PodTimelinesAreReadOnlyKindsNamedInReverseDomainOrder()
    {
        var document = JsonNode.Parse(OpenApiDocuments.V3["apis/podlife.dev/v1"].Json)!;
        var schemas = document["components"]!["schemas"]!;
        var timeline = schemas["dev.podlife.v1.PodTimeline"]!;
        Assert.Equal("""[{"group":"podlife.dev","kind":"PodTimeline","version":"v1"}]""", timeline["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/dev.podlife.v1.TimelineEntry", (string?)timeline["properties"]!["entries"]!["items"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
            (string?)schemas["dev.podlife.v1.TimelineEntry"]!["properties"]!["time"]!["allOf"]![0]!["$ref"]);
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["get"], paths["/apis/podlife.dev/v1/namespaces/{namespace}/podtimelines/{name}"]!.AsObject().Select(p => p.Key).Where(k => k != "parameters"));
        Assert.Equal("listPodlifeV1PodTimelineForAllNamespaces", (string?)paths["/apis/podlife.dev/v1/podtimelines"]!["get"]!["operationId"]);
        Assert.DoesNotContain(V2["definitions"]!["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]!["x-kubernetes-group-version-kind"]!.AsArray(),
            gvk => (string?)gvk!["group"] == "podlife.dev");
    }

    [Fact]
    public void TheIndexListsEveryGroupVersionWithItsHash()
    {
        var index = JsonNode.Parse(OpenApiDocuments.V3Index.Json)!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/events.k8s.io/v1", "apis/podlife.dev/v1", "apis/scheduling.k8s.io/v1"], index.Select(p => p.Key).Order());
        Assert.Equal($"/openapi/v3/api/v1?hash={OpenApiDocuments.V3["api/v1"].Hash}", (string?)index["api/v1"]!["serverRelativeURL"]);
    }

    [Fact]
    public void EachGroupVersionNamesItsOwnKinds()
    {
        var events = JsonNode.Parse(OpenApiDocuments.V3["apis/events.k8s.io/v1"].Json)!["components"]!["schemas"]!;
        var gvk = Assert.Single(events["io.k8s.api.events.v1.Event"]!["x-kubernetes-group-version-kind"]!.AsArray())!;
        Assert.Equal("events.k8s.io", (string?)gvk["group"]);
        Assert.NotNull(events["io.k8s.api.events.v1.EventSeries"]);
        var leases = JsonNode.Parse(OpenApiDocuments.V3["apis/coordination.k8s.io/v1"].Json)!["components"]!["schemas"]!;
        Assert.NotNull(leases["io.k8s.api.coordination.v1.LeaseSpec"]);
    }

    [Fact]
    public void PatchOperationsOfferStrategicMergeAndFieldValidation()
    {
        // kubectl apply and create look for exactly these to use the schema and server-side field validation.
        var patch = CoreV1["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["patch"]!;
        Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal("Pod", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("#/definitions/io.k8s.api.core.v1.Pod",
            (string?)V2["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["get"]!["responses"]!["200"]!["schema"]!["$ref"]);
    }
}
