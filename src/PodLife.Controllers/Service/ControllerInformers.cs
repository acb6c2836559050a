using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Scheduler.Api;

namespace PodLife.Controllers.Service;

/// <summary>
/// The node, pod and node Lease caches that the controllers share, like kube-controller-manager's shared informer
/// factory: one list and watch of each resource for all controllers, so the process holds one copy of every pod and
/// node however many controllers read them. Pods come from the process's <see cref="SharedPodInformer"/> when there is
/// one (the scheduler reads the same cache), which another service runs.
/// </summary>
public sealed class ControllerInformers(IClusterApi api, ControllersOptions options, TimeProvider time, ILogger logger, SharedPodInformer? sharedPods = null)
{
    public Informer<V1Node> Nodes { get; } = new(api.ListNodesAsync, api.WatchNodesAsync, time, logger, options.ResyncPeriod);
    public Informer<V1Pod> Pods { get; } = sharedPods?.Pods
        ?? new(api.ListPodsAsync, api.WatchPodsAsync, time, logger, options.ResyncPeriod) { Transform = PodCacheTrim.Trim };
    public Informer<V1Lease> Leases { get; } = new(ct => api.ListLeasesAsync("kube-node-lease", ct),
        (rv, ct) => api.WatchLeasesAsync("kube-node-lease", rv, ct), time, logger, options.ResyncPeriod);

    /// <summary>Lists and watches all three (pods unless shared) until cancelled; run once per instance.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Nodes.RunAsync(ct), sharedPods is null ? Pods.RunAsync(ct) : Task.CompletedTask, Leases.RunAsync(ct));
}
