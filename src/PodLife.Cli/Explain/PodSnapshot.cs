using k8s;
using k8s.Autorest;
using k8s.Models;

namespace PodLife.Cli.Explain;

/// <summary>What explain reads from the cluster: the pod, its events, its node, all nodes while it is unscheduled, and its namespace's Services.</summary>
public sealed record PodSnapshot(V1Pod Pod, IReadOnlyList<Corev1Event> Events, V1Node? Node, IReadOnlyList<V1Node> Nodes)
{
    /// <summary>The Services of the pod's namespace (whichever select it are explained).</summary>
    public IReadOnlyList<V1Service> Services { get; init; } = [];

    public static async Task<PodSnapshot> ReadAsync(IKubernetes client, string name, string ns, CancellationToken ct)
    {
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct);
        // The field selector kubectl describe uses (client-go GetFieldSelector).
        var selector = $"involvedObject.name={name},involvedObject.namespace={ns},involvedObject.uid={pod.Metadata.Uid}";
        var events = await Optional(async () => (await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: selector, cancellationToken: ct)).Items);
        var nodeName = pod.Spec?.NodeName;
        var node = string.IsNullOrEmpty(nodeName) ? null : await Optional(() => client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: ct));
        var nodes = string.IsNullOrEmpty(nodeName) ? await Optional(async () => (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items) : null;
        var services = await Optional(async () => (await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct)).Items);
        return new PodSnapshot(pod, events?.ToList() ?? [], node, nodes?.ToList() ?? []) { Services = services?.ToList() ?? [] };
    }

    // Namespaced users often may not read nodes or events; the pod alone still explains most of its state.
    static async Task<T?> Optional<T>(Func<Task<T>> read) where T : class
    {
        try { return await read(); }
        catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
