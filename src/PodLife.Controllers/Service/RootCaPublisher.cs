using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Controllers.RootCa;
using PodLife.Core.Client;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>
/// kube-controller-manager's root-ca-cert-publisher: every active namespace gets the kube-root-ca.crt ConfigMap with the
/// cluster CA, created when the namespace appears and written back when someone deletes or changes it.
/// </summary>
public sealed class RootCaPublisher : BackgroundService
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    readonly IKubernetes _client;
    readonly string _caPem;
    readonly LeaderElector _elector;
    readonly ILogger _logger;
    readonly Informer<V1Namespace> _namespaces;
    readonly Informer<V1ConfigMap> _configMaps;
    // One permit wakes the loop: any number of events before it runs cost one pass over the namespaces.
    readonly SemaphoreSlim _changed = new(0, 1);

    public RootCaPublisher(IKubernetes client, string caPem, ControllersOptions options, LeaderElector elector, TimeProvider time, ILogger<RootCaPublisher> logger)
    {
        (_client, _caPem, _elector, _logger) = (client, caPem, elector, logger);
        _namespaces = new(
            ct => KubernetesClusterApi.Call(async () => { var l = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct); return new Listed<V1Namespace>([.. l.Items], l.Metadata.ResourceVersion); }),
            (rv, ct) => KubernetesClusterApi.Watch(ApiWatch.WatchAsync<V1Namespace>(client, "api/v1/namespaces", ApiWatch.Query(rv), ct), ct),
            time, logger, options.ResyncPeriod) { OnUpsert = (_, _) => Wake() };
        _configMaps = new(
            ct => KubernetesClusterApi.Call(async () => { var l = await client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: NameSelector, cancellationToken: ct); return new Listed<V1ConfigMap>([.. l.Items], l.Metadata.ResourceVersion); }),
            (rv, ct) => KubernetesClusterApi.Watch(ApiWatch.WatchAsync<V1ConfigMap>(client, "api/v1/configmaps", ApiWatch.Query(rv, NameSelector), ct), ct),
            time, logger, options.ResyncPeriod) { OnUpsert = (_, _) => Wake(), OnDelete = _ => Wake() };
    }

    const string NameSelector = "metadata.name=" + RootCaConfigMap.Name;

    public Task Synced => Task.WhenAll(_namespaces.Synced, _configMaps.Synced);

    protected override Task ExecuteAsync(CancellationToken ct) => Task.WhenAll(_namespaces.RunAsync(ct), _configMaps.RunAsync(ct), LoopAsync(ct));

    void Wake()
    {
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // a pass is already due
    }

    async Task LoopAsync(CancellationToken ct)
    {
        await Synced.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            await _elector.WhenLeaderAsync(ct);
            var failed = await PublishAsync(ct) > 0;
            // Events wake the next pass; a failed write is retried after a second.
            await _changed.WaitAsync(failed ? RetryDelay : Timeout.InfiniteTimeSpan, ct);
        }
    }

    /// <summary>One pass: writes the ConfigMap where it is missing or wrong; returns how many writes failed.</summary>
    public async Task<int> PublishAsync(CancellationToken ct)
    {
        var failures = 0;
        foreach (var ns in _namespaces.Snapshot())
        {
            if (ns.Status?.Phase is "Terminating" || ns.Metadata.DeletionTimestamp is not null) continue;
            var name = ns.Metadata.Name;
            var wanted = RootCaConfigMap.Reconcile(_configMaps.Get($"{name}/{RootCaConfigMap.Name}"), name, _caPem);
            if (wanted is null) continue;
            try
            {
                await KubernetesClusterApi.Call(() => wanted.Metadata.ResourceVersion is null
                    ? _client.CoreV1.CreateNamespacedConfigMapAsync(wanted, name, cancellationToken: ct)
                    : _client.CoreV1.ReplaceNamespacedConfigMapAsync(wanted, RootCaConfigMap.Name, name, cancellationToken: ct));
            }
            // Gone or terminating namespaces are not retried (as Kubernetes); a conflict means the watch brings news.
            catch (ClusterApiException e) when (e.StatusCode is 403 or 404 or 409) { }
            catch (ClusterApiException e)
            {
                _logger.LogWarning(e, "publishing {ConfigMap} in namespace {Namespace} failed", RootCaConfigMap.Name, name);
                failures++;
            }
        }
        return failures;
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
