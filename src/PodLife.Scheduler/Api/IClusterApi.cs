using k8s;
using k8s.Models;

namespace PodLife.Scheduler.Api;

/// <summary>
/// The slice of the Kubernetes API the scheduler and controllers use. <see cref="KubernetesClusterApi"/> implements it over
/// KubernetesClient's IKubernetes; tests use an in-memory fake. Patches are strategic merge patches (objects serialized to JSON).
/// </summary>
public interface IClusterApi
{
    Task<Listed<V1Node>> ListNodesAsync(CancellationToken ct);
    IAsyncEnumerable<(WatchEventType Type, V1Node Node)> WatchNodesAsync(string resourceVersion, CancellationToken ct);
    Task<Listed<V1Pod>> ListPodsAsync(CancellationToken ct);

    /// <summary>Watched pods are for the trimmed pod caches: they may come without what <see cref="PodCacheTrim"/> drops.</summary>
    IAsyncEnumerable<(WatchEventType Type, V1Pod Pod)> WatchPodsAsync(string resourceVersion, CancellationToken ct);
    Task<Listed<V1Lease>> ListLeasesAsync(string ns, CancellationToken ct);
    IAsyncEnumerable<(WatchEventType Type, V1Lease Lease)> WatchLeasesAsync(string ns, string resourceVersion, CancellationToken ct);

    /// <summary>POST pods/binding; 409 when the pod is already bound.</summary>
    Task BindAsync(V1Pod pod, string nodeName, CancellationToken ct);
    Task PatchPodStatusAsync(string ns, string name, object patch, CancellationToken ct);
    Task DeletePodAsync(string ns, string name, long? gracePeriodSeconds, CancellationToken ct);
    Task PatchNodeStatusAsync(string name, object patch, CancellationToken ct);
    Task PatchNodeAsync(string name, object patch, CancellationToken ct);

    Task CreateEventAsync(Eventsv1Event ev, CancellationToken ct);
    Task CreateCoreEventAsync(Corev1Event ev, CancellationToken ct);

    /// <summary>Strategic merge patch of an events.k8s.io/v1 event (a series' count); 404 when it is gone.</summary>
    Task PatchEventAsync(string ns, string name, object patch, CancellationToken ct);

    Task<V1Lease?> GetLeaseAsync(string ns, string name, CancellationToken ct);
    Task<V1Lease> CreateLeaseAsync(V1Lease lease, CancellationToken ct);

    /// <summary>PUT with the lease's resourceVersion: 409 when someone else wrote it first.</summary>
    Task<V1Lease> ReplaceLeaseAsync(V1Lease lease, CancellationToken ct);
}
