using System.Collections.Concurrent;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;

namespace PodLife.Node.Agent;

/// <summary>
/// Where a node agent hears its Node's metadata and spec: whether it is cordoned (spec.unschedulable), which kubelet reads
/// on each status update and records as NodeSchedulable or NodeNotSchedulable, and the labels and taints its pod admission
/// checks. A lone agent lists and watches its own Node (fieldSelector
/// metadata.name); <see cref="Shared"/> serves every simulated node of one process from one watch of all nodes, which
/// change rarely (a node posts its status every few minutes), instead of a read of each node every 10 seconds.
/// </summary>
public sealed class NodeSpecFeed
{
    const int PageSize = 500;

    // The status (conditions, images, capacity) is most of a node and is not read here.
    static readonly Lazy<JsonSerializerOptions> Decode = new(() => ModelJson.DecodeSkipping(new Dictionary<Type, string[]> { [typeof(V1Node)] = ["status"] }));

    readonly string? _selector;
    readonly ConcurrentDictionary<string, Action<V1Node>> _nodes = new();

    NodeSpecFeed(string? selector) => _selector = selector;

    /// <summary>The feed of one node, for an agent on its own.</summary>
    public static NodeSpecFeed ForNode(string nodeName, Action<V1Node> saw)
    {
        var feed = new NodeSpecFeed($"metadata.name={nodeName}");
        feed.Register(nodeName, saw);
        return feed;
    }

    /// <summary>One feed for many nodes.</summary>
    public static NodeSpecFeed Shared() => new(null);

    /// <summary>Hands <paramref name="nodeName"/>'s Node (without its status) to <paramref name="saw"/> whenever it is listed or changes.</summary>
    public void Register(string nodeName, Action<V1Node> saw) => _nodes[nodeName] = saw;

    public void Unregister(string nodeName) => _nodes.TryRemove(nodeName, out _);

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled, listing again after any failure.</summary>
    public Task RunAsync(IKubernetes client, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ListWatchLoop.RunAsync($"node watch ({_selector ?? "all nodes"})", c => ListAsync(client, c), (rv, c) => WatchAsync(client, rv, c), logger, ct);
    }

    async Task<string> ListAsync(IKubernetes client, CancellationToken ct)
    {
        string? next = null;
        while (true)
        {
            var page = await client.CoreV1.ListNodeAsync(continueParameter: next, fieldSelector: _selector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false);
            foreach (var node in page.Items) Dispatch(node);
            next = page.Metadata.ContinueProperty;
            if (string.IsNullOrEmpty(next)) return page.Metadata.ResourceVersion;
        }
    }

    async Task WatchAsync(IKubernetes client, string resourceVersion, CancellationToken ct)
    {
        var events = ApiWatch.WatchAsync<V1Node>(client, "api/v1/nodes", ApiWatch.Query(resourceVersion, _selector, allowBookmarks: true), Decode.Value, ct);
        await foreach (var (type, node) in events.ConfigureAwait(false))
        {
            if (type is WatchEventType.Added or WatchEventType.Modified) Dispatch(node);
        }
    }

    void Dispatch(V1Node node)
    {
        if (node.Metadata?.Name is { } name && _nodes.TryGetValue(name, out var saw)) saw(node);
    }
}
