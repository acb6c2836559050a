using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>Everything one node lifecycle pass decided; the controller shell only writes it to the API.</summary>
public sealed record NodeLifecyclePlan(
    IReadOnlyList<NodeUpdate> NodeUpdates,
    IReadOnlyList<PodUpdate> PodsNotReady,
    IReadOnlyList<V1Pod> Evictions,
    DateTimeOffset? NextEvictionAt)
{
    /// <summary>Nodes this controller sees for the first time (kube-controller-manager records RegisteredNode for each).</summary>
    public IReadOnlyList<V1Node> Registered { get; init; } = [];
}
