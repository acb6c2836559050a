using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;
using PodLife.Node.Pods;

namespace PodLife.Node.Agent;

/// <summary>
/// The cluster's Services and Endpoints as a node sees them: kubelet's service informer (for the containers' service
/// variables) and what the simulated pod network needs to resolve a service name or cluster IP to a ready pod (as
/// cluster DNS and kube-proxy do). One list and watch of each serves a node on its own, or every simulated node of one
/// process.
/// </summary>
public sealed class ClusterServices
{
    readonly Mirror<V1Service> _services;
    readonly Mirror<V1Endpoints> _endpoints = new(() => { });
    readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The service variables by namespace and enableServiceLinks, shared by the containers that start while the services
    // stay as they are (thousands of pods of one namespace get the same strings); dropped at any service change.
    volatile ConcurrentDictionary<(string Ns, bool Links), IReadOnlyList<KeyValuePair<string, string>>> _environments = new();

    /// <summary>An empty cache, filled by <see cref="RunAsync"/>.</summary>
    public ClusterServices() => _services = new Mirror<V1Service>(() => _environments = new());

    /// <summary>True once the services were listed (kubelet's serviceHasSynced).</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Completes when the services were first listed.</summary>
    public Task Synced => _synced.Task;

    /// <summary>The service variables of a container of a pod in <paramref name="ns"/> (<see cref="ServiceEnvironment"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment(string ns, bool enableServiceLinks) =>
        _environments.GetOrAdd((ns, enableServiceLinks), key => ServiceEnvironment.For(_services.All, key.Ns, key.Links));

    /// <summary>The service <paramref name="ns"/>/<paramref name="name"/>, if it exists.</summary>
    public V1Service? Service(string ns, string name) => _services.Find(ns, name);

    /// <summary>The service whose cluster IP is <paramref name="ip"/>, if any.</summary>
    public V1Service? ServiceWithClusterIp(string ip) =>
        _services.All.FirstOrDefault(s => s.Spec?.ClusterIP == ip || s.Spec?.ClusterIPs?.Contains(ip) == true);

    /// <summary>The Endpoints of the service <paramref name="ns"/>/<paramref name="name"/>, if they exist.</summary>
    public V1Endpoints? Endpoints(string ns, string name) => _endpoints.Find(ns, name);

    /// <summary>Lists and watches services and endpoints until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(IKubernetes client, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var services = ListWatchLoop.RunAsync("service watch",
            async c =>
            {
                var list = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: c).ConfigureAwait(false);
                _services.Replace(list.Items);
                _synced.TrySetResult();
                return list.Metadata.ResourceVersion;
            },
            (rv, c) => _services.WatchAsync(client, "api/v1/services", rv, c), logger, ct);
        var endpoints = ListWatchLoop.RunAsync("endpoints watch",
            async c =>
            {
                var list = await client.CoreV1.ListEndpointsForAllNamespacesAsync(cancellationToken: c).ConfigureAwait(false);
                _endpoints.Replace(list.Items);
                return list.Metadata.ResourceVersion;
            },
            (rv, c) => _endpoints.WatchAsync(client, "api/v1/endpoints", rv, c), logger, ct);
        return Task.WhenAll(services, endpoints);
    }

    // The objects of one kind by namespace/name, as the last list and the watch since left them.
    sealed class Mirror<T>(Action changed) where T : IKubernetesObject<V1ObjectMeta>
    {
        readonly ConcurrentDictionary<(string Ns, string Name), T> _objects = new();

        public IEnumerable<T> All => _objects.Values;

        public T? Find(string ns, string name) => _objects.GetValueOrDefault((ns, name));

        public void Replace(IEnumerable<T> items)
        {
            var listed = items.ToDictionary(Key);
            foreach (var key in _objects.Keys.Where(k => !listed.ContainsKey(k))) _objects.TryRemove(key, out _);
            foreach (var (key, item) in listed) _objects[key] = item;
            changed();
        }

        public async Task WatchAsync(IKubernetes client, string path, string resourceVersion, CancellationToken ct)
        {
            await foreach (var (type, item) in ApiWatch.WatchAsync<T>(client, path, ApiWatch.Query(resourceVersion, allowBookmarks: true), ct).ConfigureAwait(false))
            {
                if (type is WatchEventType.Added or WatchEventType.Modified) _objects[Key(item)] = item;
                else if (type is WatchEventType.Deleted) _objects.TryRemove(Key(item), out _);
                else continue;
                changed();
            }
        }

        static (string, string) Key(T item) => (item.Metadata?.NamespaceProperty ?? "", item.Metadata?.Name ?? "");
    }
}
