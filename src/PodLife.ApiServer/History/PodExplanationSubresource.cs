using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Core.Explain;
using PodLife.Core.History;

namespace PodLife.ApiServer.History;

/// <summary>
/// GET podtimelines/NAME/explanation: the explain engine's verdict on the live pod, the same JSON as
/// <c>podlife explain -o json</c>, so the web UI says what happens next in the same words as the command line.
/// </summary>
public static class PodExplanationSubresource
{
    public const string Name = "explanation";
    public const string Kind = "PodExplanation";

    /// <summary>Reads the pod, its events, its node (all nodes while unscheduled), its namespace's Services and its history, and explains it.</summary>
    /// <exception cref="StatusException">404 when the pod does not exist (any more).</exception>
    public static async Task<JsonObject> ExplainAsync(ResourceStorage storage, string ns, string name, CancellationToken ct)
    {
        var catalog = storage.Catalog;
        var pod = As<V1Pod>((await storage.GetAsync(Definition(catalog, "pods"), ns, name, ct)).Object);
        // The selector kubectl describe and podlife explain use for a pod's events.
        var events = await ListAsync<Corev1Event>(storage, Definition(catalog, "events"), ns,
            $"involvedObject.name={name},involvedObject.namespace={ns},involvedObject.uid={pod.Metadata.Uid}", ct);
        var nodeName = pod.Spec?.NodeName;
        var nodes = Definition(catalog, "nodes");
        var node = string.IsNullOrEmpty(nodeName) ? null : await NodeAsync(storage, nodes, nodeName, ct);
        var all = string.IsNullOrEmpty(nodeName) ? await ListAsync<V1Node>(storage, nodes, "", null, ct) : [];
        var services = await ListAsync<V1Service>(storage, Definition(catalog, "services"), ns, null, ct);
        var explanation = Explainer.Explain(pod, events, node, all, await HistoryAsync(storage, pod, ct), storage.Now, services);
        var body = JsonNode.Parse(ExplanationJson.Serialize(explanation))!.AsObject();
        body.Insert(0, "apiVersion", PodTimelineResource.Definition.ApiVersion);
        body.Insert(1, "kind", Kind);
        return body;
    }

    static ResourceDefinition Definition(ResourceCatalog catalog, string resource) => catalog.Find("", "v1", resource)!;

    static T As<T>(JsonObject obj) => KubernetesJson.Deserialize<T>(obj.ToJsonString());

    static async Task<List<T>> ListAsync<T>(ResourceStorage storage, ResourceDefinition def, string ns, string? fieldSelector, CancellationToken ct)
    {
        var request = ListRequest.Parse(q => q == "fieldSelector" ? fieldSelector : null, def);
        return [.. (await storage.ListAsync(def, ns, request, ct)).Items.Select(item => As<T>(item.Object))];
    }

    static async Task<V1Node?> NodeAsync(ResourceStorage storage, ResourceDefinition nodes, string name, CancellationToken ct)
    {
        try { return As<V1Node>((await storage.GetAsync(nodes, "", name, ct)).Object); }
        catch (StatusException e) when (e.Code == 404) { return null; }
    }

    // A timeline recorded for an earlier pod of the same name is not this pod's history.
    static async Task<PodHistory?> HistoryAsync(ResourceStorage storage, V1Pod pod, CancellationToken ct)
    {
        try
        {
            var timeline = PodTimelineJson.FromJson((await storage.GetAsync(PodTimelineResource.Definition, pod.Metadata.NamespaceProperty, pod.Metadata.Name, ct)).Object);
            return timeline.PodUid == pod.Metadata.Uid ? TimelineHistory.ToPodHistory(timeline) : null;
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return null;
        }
    }
}
