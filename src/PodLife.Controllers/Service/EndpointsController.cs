using System.Collections.Concurrent;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Controllers.Endpoints;
using PodLife.Core.Client;
using PodLife.Core.Services;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>
/// kube-controller-manager's endpoints and endpointslice controllers in one: for every Service with a selector, the
/// Endpoints object and the EndpointSlices that list the pods it selects, ready or not, written again whenever the
/// Service or one of its pods changes, and removed with the Service.
/// </summary>
public sealed class EndpointsController : BackgroundService
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Changes that come together (a pod's several status writes as it starts) are written once.
    static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(50);

    const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";

    readonly IKubernetes _client;
    readonly LeaderElector _elector;
    readonly TimeProvider _time;
    readonly TriggerTimeTracker _triggers = new();
    readonly ILogger _logger;
    readonly Informer<V1Service> _services;
    readonly Informer<V1Pod> _pods;
    readonly bool _runPods;
    // The Services with a selector, by key, and a copy of them that pod changes read without a lock: a pod change looks
    // only at these (none in most clusters PodLife runs, where it costs one array read).
    readonly Dictionary<string, V1Service> _managed = [];
    volatile KeyValuePair<string, V1Service>[] _managedNow = [];
    readonly ConcurrentDictionary<string, byte> _dirty = new();
    readonly SemaphoreSlim _changed = new(0, 1);

    /// <param name="pods">The process's shared pod cache (it must keep pod IPs); null: one of its own.</param>
    public EndpointsController(IKubernetes client, ControllersOptions options, LeaderElector elector, TimeProvider time,
        ILogger<EndpointsController> logger, Informer<V1Pod>? pods = null)
    {
        (_client, _elector, _time, _logger) = (client, elector, time, logger);
        _services = new(
            ct => KubernetesClusterApi.Call(async () => { var l = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct); return new Listed<V1Service>([.. l.Items], l.Metadata.ResourceVersion); }),
            (rv, ct) => KubernetesClusterApi.Watch(ApiWatch.WatchAsync<V1Service>(client, "api/v1/services", ApiWatch.Query(rv), ct), ct),
            time, logger, options.ResyncPeriod) { OnUpsert = (_, s) => ServiceChanged(s, deleted: false), OnDelete = s => ServiceChanged(s, deleted: true) };
        _runPods = pods is null;
        var api = new KubernetesClusterApi(client);
        _pods = pods ?? new(api.ListPodsAsync, api.WatchPodsAsync, time, logger, options.ResyncPeriod) { Transform = PodCacheTrim.Trim };
        _pods.Subscribe((old, pod) => PodChanged(old, pod), pod => PodChanged(null, pod));
    }

    public Task Synced => Task.WhenAll(_services.Synced, _pods.Synced);

    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(_services.RunAsync(ct), _runPods ? _pods.RunAsync(ct) : Task.CompletedTask, LoopAsync(ct));

    void ServiceChanged(V1Service service, bool deleted)
    {
        var key = Informer<V1Service>.KeyOf(service);
        lock (_managed)
        {
            if (!deleted && ServiceSelection.Managed(service)) _managed[key] = service;
            else _managed.Remove(key);
            _managedNow = [.. _managed];
        }
        MarkDirty(key);
    }

    void PodChanged(V1Pod? old, V1Pod pod)
    {
        foreach (var (key, service) in _managedNow)
            if (ServiceSelection.Selects(service, pod) || (old is not null && ServiceSelection.Selects(service, old))) MarkDirty(key);
    }

    void MarkDirty(string key)
    {
        _dirty[key] = 0;
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // a pass is already due
    }

    async Task LoopAsync(CancellationToken ct)
    {
        await Synced.WaitAsync(ct);
        // Services whose pods changed while no controller ran are seen in the first pass, and so are Endpoints left by
        // Services deleted meanwhile (kube's controller deletes those at start-up too).
        foreach (var service in _services.Snapshot()) MarkDirty(Informer<V1Service>.KeyOf(service));
        await MarkOrphansAsync(ct);
        var failed = false;
        while (!ct.IsCancellationRequested)
        {
            await _changed.WaitAsync(failed ? RetryDelay : Timeout.InfiniteTimeSpan, ct);
            await Task.Delay(Batch, _time, ct);
            await _elector.WhenLeaderAsync(ct);
            failed = await SyncDirtyAsync(ct) > 0;
        }
    }

    async Task MarkOrphansAsync(CancellationToken ct)
    {
        try
        {
            var all = await KubernetesClusterApi.Call(() => _client.CoreV1.ListEndpointsForAllNamespacesAsync(cancellationToken: ct));
            foreach (var endpoints in all.Items)
            {
                var key = Informer<V1Endpoints>.KeyOf(endpoints);
                if (_services.Get(key) is null) MarkDirty(key);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "listing endpoints left by deleted services failed");
        }
    }

    /// <summary>Writes what the changed Services need; returns how many failed (they stay marked for the next pass).</summary>
    public async Task<int> SyncDirtyAsync(CancellationToken ct)
    {
        var failures = 0;
        // One copy of the pod cache for the pass, whatever number of Services it writes.
        IReadOnlyList<V1Pod>? pods = null;
        foreach (var key in _dirty.Keys.ToList())
        {
            _dirty.TryRemove(key, out _);
            try
            {
                await SyncAsync(key, () => pods ??= _pods.Snapshot(), ct);
            }
            // Any failure (an answer, a connection lost, a server stopping) is retried: it must not end the loop, which
            // would stop the process's components with it.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "writing the endpoints of service {Service} failed", key);
                _dirty[key] = 0;
                failures++;
            }
        }
        return failures;
    }

    async Task SyncAsync(string key, Func<IReadOnlyList<V1Pod>> allPods, CancellationToken ct)
    {
        var (ns, name) = key.Split('/') is [var n, var s] ? (n, s) : ("", key);
        var service = _services.Get(key);
        if (service is null)
        {
            _triggers.Forget(ns, name);
            await DeleteAllAsync(ns, name, ct);
            return;
        }
        // A Service without a selector has endpoints its owner writes.
        if (!ServiceSelection.Managed(service)) return;
        var selected = allPods().Where(p => ServiceSelection.Selects(service, p)).ToList();
        // Computed on every sync, written only with a change: the tracker must see each pod's readiness as it goes.
        var trigger = _triggers.Compute(service, selected);
        await WriteEndpointsAsync(ServiceEndpoints.Endpoints(service, selected), trigger, ct);
        await WriteSlicesAsync(service, ServiceEndpoints.Slices(service, selected), trigger, ct);
    }

    // The annotations to write over the stored ones: those others wrote stay; the controllers' own are set anew: the
    // trigger time (none when there is no new one) and what the rules give (the over-capacity mark). Null when nothing
    // is left, as an empty map is not written.
    static Dictionary<string, string>? Annotations(IDictionary<string, string>? stored, DateTime? trigger, IDictionary<string, string>? fromRules = null)
    {
        var result = new Dictionary<string, string>(stored ?? new Dictionary<string, string>());
        result.Remove(ServiceEndpoints.OverCapacityAnnotation);
        foreach (var (key, value) in fromRules ?? new Dictionary<string, string>()) result[key] = value;
        if (trigger is { } time) result[TriggerTimeAnnotation] = TriggerTimeTracker.Format(time);
        else result.Remove(TriggerTimeAnnotation);
        return result.Count == 0 ? null : result;
    }

    async Task WriteEndpointsAsync(V1Endpoints wanted, DateTime? trigger, CancellationToken ct)
    {
        var (ns, name) = (wanted.Metadata.NamespaceProperty, wanted.Metadata.Name);
        var current = await GetOrNullAsync(() => _client.CoreV1.ReadNamespacedEndpointsAsync(name, ns, cancellationToken: ct));
        if (current is not null && Same(current.Subsets, wanted.Subsets) && SameLabels(current.Metadata.Labels, wanted.Metadata.Labels)
            && OverCapacity(current) == OverCapacity(wanted)) return;
        wanted.Metadata.Annotations = Annotations(current?.Metadata.Annotations, trigger, wanted.Metadata.Annotations);
        await IgnoringRaces(() => current is null
            ? _client.CoreV1.CreateNamespacedEndpointsAsync(wanted, ns, cancellationToken: ct)
            : _client.CoreV1.ReplaceNamespacedEndpointsAsync(WithVersion(wanted, current.Metadata), name, ns, cancellationToken: ct));
    }

    async Task WriteSlicesAsync(V1Service service, IReadOnlyList<V1EndpointSlice> wanted, DateTime? trigger, CancellationToken ct)
    {
        var ns = service.Metadata.NamespaceProperty;
        var current = ServiceEndpoints.InSliceOrder(await ListSlicesAsync(ns, service.Metadata.Name, ct));
        for (var i = 0; i < Math.Max(current.Count, wanted.Count); i++)
        {
            if (i >= wanted.Count)
            {
                var surplus = current[i].Metadata.Name;
                await IgnoringRaces(() => _client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(surplus, ns, cancellationToken: ct));
            }
            else if (i >= current.Count)
            {
                var slice = wanted[i];
                slice.Metadata.Annotations = Annotations(null, trigger);
                await IgnoringRaces(() => _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, ns, cancellationToken: ct));
            }
            else if (!Same(current[i].Endpoints, wanted[i].Endpoints) || !Same(current[i].Ports, wanted[i].Ports)
                || !SameLabels(current[i].Metadata.Labels, wanted[i].Metadata.Labels))
            {
                var slice = wanted[i];
                slice.Metadata.Annotations = Annotations(current[i].Metadata.Annotations, trigger);
                slice.Metadata.Name = current[i].Metadata.Name;
                slice.Metadata.GenerateName = current[i].Metadata.GenerateName;
                await IgnoringRaces(() => _client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(WithVersion(slice, current[i].Metadata), slice.Metadata.Name, ns, cancellationToken: ct));
            }
        }
    }

    async Task DeleteAllAsync(string ns, string name, CancellationToken ct)
    {
        // The Endpoints of a Service without selector are its owner's, but they go with the Service, as kube-apiserver deletes them.
        await IgnoringRaces(() => _client.CoreV1.DeleteNamespacedEndpointsAsync(name, ns, cancellationToken: ct));
        foreach (var slice in await ListSlicesAsync(ns, name, ct))
            await IgnoringRaces(() => _client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(slice.Metadata.Name, ns, cancellationToken: ct));
    }

    async Task<IList<V1EndpointSlice>> ListSlicesAsync(string ns, string service, CancellationToken ct) =>
        (await KubernetesClusterApi.Call(() => _client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns,
            labelSelector: $"{ServiceEndpoints.ServiceNameLabel}={service},{ServiceEndpoints.ManagedByLabel}={ServiceEndpoints.ManagedBy}", cancellationToken: ct))).Items;

    static T WithVersion<T>(T wanted, V1ObjectMeta current) where T : IMetadata<V1ObjectMeta>
    {
        wanted.Metadata.ResourceVersion = current.ResourceVersion;
        return wanted;
    }

    static async Task<T?> GetOrNullAsync<T>(Func<Task<T>> get) where T : class
    {
        try { return await KubernetesClusterApi.Call(get); }
        catch (ClusterApiException e) when (e.StatusCode == 404) { return null; }
    }

    // A namespace going away, an object another writer changed or removed first: the watch brings the news and the
    // Service is synced again then.
    static async Task IgnoringRaces<T>(Func<Task<T>> write)
    {
        try { await KubernetesClusterApi.Call(write); }
        catch (ClusterApiException e) when (e.StatusCode is 403 or 404 or 409) { }
    }

    static bool OverCapacity(V1Endpoints endpoints) => endpoints.Metadata.Annotations?.ContainsKey(ServiceEndpoints.OverCapacityAnnotation) == true;

    static bool Same<T>(T? a, T? b) => JsonSerializer.Serialize(a, ModelJson.Options) == JsonSerializer.Serialize(b, ModelJson.Options);

    static bool SameLabels(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal)
            .SequenceEqual((b ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal));

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
