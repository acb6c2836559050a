using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Scheduler.Api;

/// <summary><see cref="IClusterApi"/> over KubernetesClient's IKubernetes: every call is a real API request.</summary>
public sealed class KubernetesClusterApi(IKubernetes client) : IClusterApi
{
    public Task<Listed<V1Node>> ListNodesAsync(CancellationToken ct) =>
        Call(async () => { var l = await client.CoreV1.ListNodeAsync(cancellationToken: ct); return new Listed<V1Node>([.. l.Items], l.Metadata.ResourceVersion); });

    public IAsyncEnumerable<(WatchEventType Type, V1Node Node)> WatchNodesAsync(string resourceVersion, CancellationToken ct) =>
        Watch(ApiWatch.WatchAsync<V1Node>(client, "api/v1/nodes", ApiWatch.Query(resourceVersion), ct), ct);

    public Task<Listed<V1Pod>> ListPodsAsync(CancellationToken ct) =>
        Call(async () => { var l = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct); return new Listed<V1Pod>([.. l.Items], l.Metadata.ResourceVersion); });

    /// <summary>Decoded without what <see cref="PodCacheTrim"/> drops: both pod caches trim every pod they receive.</summary>
    public IAsyncEnumerable<(WatchEventType Type, V1Pod Pod)> WatchPodsAsync(string resourceVersion, CancellationToken ct) =>
        Watch(ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query(resourceVersion), PodCacheTrim.DecodeOptions, ct), ct);

    public Task<Listed<V1Lease>> ListLeasesAsync(string ns, CancellationToken ct) =>
        Call(async () => { var l = await client.CoordinationV1.ListNamespacedLeaseAsync(ns, cancellationToken: ct); return new Listed<V1Lease>([.. l.Items], l.Metadata.ResourceVersion); });

    public IAsyncEnumerable<(WatchEventType Type, V1Lease Lease)> WatchLeasesAsync(string ns, string resourceVersion, CancellationToken ct) =>
        Watch(ApiWatch.WatchAsync<V1Lease>(client, $"apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(ns)}/leases", ApiWatch.Query(resourceVersion), ct), ct);

    public Task BindAsync(V1Pod pod, string nodeName, CancellationToken ct) => Call(() => client.CoreV1.CreateNamespacedPodBindingAsync(
        new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty, Uid = pod.Metadata.Uid },
            Target = new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = nodeName },
        },
        pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct));

    public Task PatchPodStatusAsync(string ns, string name, object patch, CancellationToken ct) =>
        Call(() => ApiWrites.PatchPodStatusAsync(client, Strategic(patch), ns, name, ct));

    public Task DeletePodAsync(string ns, string name, long? gracePeriodSeconds, CancellationToken ct) =>
        Call(() => ApiWrites.DeletePodAsync(client, ns, name, null, (int?)gracePeriodSeconds, ct));

    public Task PatchNodeStatusAsync(string name, object patch, CancellationToken ct) =>
        Call(() => ApiWrites.PatchNodeStatusAsync(client, Strategic(patch), name, ct));

    public Task PatchNodeAsync(string name, object patch, CancellationToken ct) =>
        Call(() => client.CoreV1.PatchNodeAsync(Strategic(patch), name, cancellationToken: ct));

    public Task CreateEventAsync(Eventsv1Event ev, CancellationToken ct) =>
        Call(() => ApiWrites.CreateEventAsync(client, ev, ev.Metadata.NamespaceProperty, ct));

    public Task PatchEventAsync(string ns, string name, object patch, CancellationToken ct) =>
        Call(() => ApiWrites.PatchEventAsync(client, Strategic(patch), ns, name, ct));

    public Task CreateCoreEventAsync(Corev1Event ev, CancellationToken ct) =>
        Call(() => ApiWrites.CreateCoreEventAsync(client, ev, ev.Metadata.NamespaceProperty, ct));

    public async Task<V1Lease?> GetLeaseAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await Call(() => client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: ct));
        }
        catch (ClusterApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public Task<V1Lease> CreateLeaseAsync(V1Lease lease, CancellationToken ct) =>
        Call(() => client.CoordinationV1.CreateNamespacedLeaseAsync(lease, lease.Metadata.NamespaceProperty, cancellationToken: ct));

    public Task<V1Lease> ReplaceLeaseAsync(V1Lease lease, CancellationToken ct) =>
        Call(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, lease.Metadata.NamespaceProperty, cancellationToken: ct));

    V1Patch Strategic(object patch) => Utf8Body.Patch(client, patch, V1Patch.PatchType.StrategicMergePatch);

    static async Task Call(Func<Task> call) => await Call(async () => { await call(); return true; });

    /// <summary>Maps the client's HTTP errors to <see cref="ClusterApiException"/> with the status code.</summary>
    public static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw new ClusterApiException((int)e.Response.StatusCode, e.Response.Content ?? e.Message, e);
        }
    }

    /// <summary>
    /// A watch (<see cref="ApiWatch"/>) for an <see cref="Informer{T}"/>: HTTP errors and ERROR events (a Status, 410 Gone
    /// for a compacted resourceVersion) become <see cref="ClusterApiException"/> with the status code; the informer relists.
    /// </summary>
    public static async IAsyncEnumerable<(WatchEventType, T)> Watch<T>(IAsyncEnumerable<(WatchEventType, T)> events, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var e = events.GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try
            {
                more = await e.MoveNextAsync();
            }
            catch (HttpOperationException ex)
            {
                throw new ClusterApiException((int)ex.Response.StatusCode, ex.Response.Content ?? ex.Message, ex);
            }
            catch (KubernetesException ex)
            {
                throw new ClusterApiException(ex.Status?.Code ?? 500, ex.Status?.Message ?? ex.Message, ex);
            }
            if (!more)
                yield break;
            yield return e.Current;
        }
    }
}
