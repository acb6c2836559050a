using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;

namespace PodLife.Node.Agent;

/// <summary>
/// Where a node agent hears of its pods: a list, then a watch from the list's resourceVersion, listed again when the
/// watch ends, as kubelet's reflector does. A lone agent lists and watches its own pods (fieldSelector spec.nodeName);
/// <see cref="Shared"/> serves every simulated node of one process from one list and watch of all pods, handing each pod
/// to the node it is bound to. With a feed per node, a restart of a cluster of 5,000 simulated nodes and 100,000 pods
/// had the API server read every pod once for each node (half a billion rows) before any node had its pods back.
/// </summary>
public sealed class NodePodFeed
{
    const int PageSize = 500; // kubectl's and the reflector's chunk size

    readonly string? _selector;
    readonly ConcurrentDictionary<string, Action<WatchEventType, V1Pod>> _nodes = new();

    NodePodFeed(string? selector) => _selector = selector;

    /// <summary>The feed of one node's pods, for an agent on its own.</summary>
    public static NodePodFeed ForNode(string nodeName, Action<WatchEventType, V1Pod> dispatch)
    {
        var feed = new NodePodFeed($"spec.nodeName={nodeName}");
        feed.Register(nodeName, dispatch);
        return feed;
    }

    /// <summary>One feed for many nodes: every pod, handed to the node it is bound to (unbound pods to none).</summary>
    public static NodePodFeed Shared() => new(null);

    /// <summary>The versions this feed's nodes wrote themselves, whose events it skips (<see cref="OwnStatusWrites"/>).</summary>
    public OwnStatusWrites OwnWrites { get; } = new();

    /// <summary>Hands the pods bound to <paramref name="nodeName"/> to <paramref name="dispatch"/>, from the next event on.</summary>
    public void Register(string nodeName, Action<WatchEventType, V1Pod> dispatch) => _nodes[nodeName] = dispatch;

    /// <summary>Stops handing pods to the node (its agent is stopping).</summary>
    public void Unregister(string nodeName) => _nodes.TryRemove(nodeName, out _);

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled, listing again after any failure.</summary>
    public Task RunAsync(IKubernetes client, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        return ListWatchLoop.RunAsync($"pod watch ({_selector ?? "all pods"})", c => ListAsync(client, c), (rv, c) => WatchAsync(client, rv, c), logger, ct);
    }

    async Task WatchAsync(IKubernetes client, string resourceVersion, CancellationToken ct)
    {
        var events = ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query(resourceVersion, _selector, allowBookmarks: true), NodePodDecode.Options,
            _selector is null ? line => MayBeBound(line) && !OwnWrites.IsOwnWrite(line) : line => !OwnWrites.IsOwnWrite(line), ct);
        await foreach (var (type, pod) in events.ConfigureAwait(false))
        {
            if (type != WatchEventType.Bookmark) Dispatch(type, pod);
        }
    }

    // Every pod of the selection, in pages; returns the list's resourceVersion, where the watch starts.
    async Task<string> ListAsync(IKubernetes client, CancellationToken ct)
    {
        string? next = null;
        while (true)
        {
            var page = await client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, fieldSelector: _selector, limit: PageSize,
                cancellationToken: ct).ConfigureAwait(false);
            foreach (var pod in page.Items) Dispatch(WatchEventType.Modified, pod);
            next = page.Metadata.ContinueProperty;
            if (!string.IsNullOrEmpty(next)) continue;
            if (OwnStatusWrites.Parse(page.Metadata.ResourceVersion) is { } listed) OwnWrites.Listed(listed);
            return page.Metadata.ResourceVersion;
        }
    }

    // The shared feed watches every pod, and a pod that is not bound goes to no node (Dispatch): a change of one is
    // skipped without decoding it (a pod's create, and its delete if it never was bound). A pod written without
    // spec.nodeName has no "nodeName" property in its bytes; one with the word elsewhere is merely decoded.
    static bool MayBeBound(ReadOnlySpan<byte> line) => line.IndexOf("\"nodeName\":"u8) >= 0;

    void Dispatch(WatchEventType type, V1Pod pod)
    {
        if (pod.Spec?.NodeName is { Length: > 0 } node && _nodes.TryGetValue(node, out var dispatch)) dispatch(type, pod);
    }
}
