using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The OpenAPI documents of the served types, built once on first use (never at start-up): the Swagger 2.0
/// document of /openapi/v2, and per group version the OpenAPI 3.0 documents and index of /openapi/v3.
/// </summary>
static class OpenApiDocuments
{
    static readonly Lazy<XmlDocDescriptions> Descriptions = new(() => XmlDocDescriptions.Load(typeof(V1Pod).Assembly));
    static readonly Lazy<SerializedDocument> SwaggerDocument = new(() =>
        SerializedDocument.Of(Document(OpenApiFlavor.V2, Descriptions.Value, ServedResource.All)));
    static readonly Lazy<IReadOnlyDictionary<string, SerializedDocument>> GroupVersionDocuments = new(() =>
        ServedResource.All.GroupBy(r => r.GroupVersionPath).ToDictionary(g => g.Key,
            g => SerializedDocument.Of(Document(OpenApiFlavor.V3, Descriptions.Value, g)), StringComparer.Ordinal));
    static readonly Lazy<SerializedDocument> Index = new(() => SerializedDocument.Of(new JsonObject
    {
        ["paths"] = new JsonObject(V3.Select(d => KeyValuePair.Create(d.Key,
            (JsonNode?)new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{d.Key}?hash={d.Value.Hash}" }))),
    }));

    /// <summary>The Swagger 2.0 document as UTF-8 JSON.</summary>
    public static SerializedDocument V2 => SwaggerDocument.Value;

    /// <summary>The OpenAPI 3.0 documents by group-version path ("api/v1", "apis/events.k8s.io/v1").</summary>
    public static IReadOnlyDictionary<string, SerializedDocument> V3 => GroupVersionDocuments.Value;

    /// <summary>The /openapi/v3 index: each group version's serverRelativeURL with its content hash.</summary>
    public static SerializedDocument V3Index => Index.Value;

    static JsonObject Document(OpenApiFlavor flavor, XmlDocDescriptions docs, IEnumerable<ServedResource> resources)
    {
        var schemas = new SchemaGenerator(flavor, docs);
        var operations = new OperationBuilder(schemas, flavor);
        var paths = new JsonObject();
        foreach (var resource in resources) ResourcePaths.Add(paths, resource, schemas, operations);
        var definitions = new JsonObject(schemas.Schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));
        var info = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesRelease.Version };
        return flavor == OpenApiFlavor.V2
            ? new JsonObject { ["swagger"] = "2.0", ["info"] = info, ["paths"] = paths, ["definitions"] = definitions }
            : new JsonObject { ["openapi"] = "3.0.0", ["info"] = info, ["paths"] = paths, ["components"] = new JsonObject { ["schemas"] = definitions } };
    }
}
