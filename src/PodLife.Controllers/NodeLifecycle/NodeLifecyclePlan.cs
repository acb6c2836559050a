using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>Everything one node lifecycle pass decided; the controller shell only writes it to the API.</summary>
public sealed record NodeLifecyclePlan(
    IReadOnlyList<NodeUpdate> NodeUpdates,
    IReadOnlyList<PodUpdate> PodsNotReady,
    IReadOnlyList<V1Pod> Evictions,
    DateTimeOffset? NextEvictionAt);
