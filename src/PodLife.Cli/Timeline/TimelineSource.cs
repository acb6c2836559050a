using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using PodLife.Core.History;

namespace PodLife.Cli.Timeline;

/// <summary>Reads a pod's podtimeline (podlife.dev/v1) from the cluster, once or as it changes.</summary>
public static class TimelineSource
{
    const string Group = "podlife.dev", Version = "v1", Plural = "podtimelines";

    /// <summary>The timeline, or null when the cluster does not serve podtimelines (real Kubernetes).</summary>
    /// <exception cref="HttpOperationException">404 for an unknown pod on a PodLife cluster, 401/403 and others as they come.</exception>
    public static async Task<PodTimeline?> ReadAsync(IKubernetes client, string name, string ns, CancellationToken ct)
    {
        if (!await ServedAsync(client, ct)) return null;
        var element = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Group, Version, ns, Plural, name, ct);
        return Parse(element);
    }

    /// <summary>Whether the cluster serves podtimelines.podlife.dev (discovery of podlife.dev/v1).</summary>
    public static async Task<bool> ServedAsync(IKubernetes client, CancellationToken ct)
    {
        try
        {
            var groups = await client.Apis.GetAPIVersionsAsync(ct);
            return groups.Groups?.Any(g => g.Name == Group) == true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The timeline each time it changes; ends when the watch ends or the pod's timeline is deleted.</summary>
    public static async IAsyncEnumerable<PodTimeline> WatchAsync(IKubernetes client, string name, string ns, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Group, Version, ns, Plural, fieldSelector: $"metadata.name={name}", cancellationToken: ct);
        await foreach (var (type, element) in events.WithCancellation(ct))
        {
            if (type is WatchEventType.Deleted or WatchEventType.Error) yield break;
            if (type is WatchEventType.Added or WatchEventType.Modified && element is JsonElement json) yield return Parse(json);
        }
    }

    static PodTimeline Parse(JsonElement element) => PodTimelineJson.FromJson(JsonNode.Parse(element.GetRawText())!.AsObject());
}
