using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>A pod whose Ready condition the pass turns False, with the conditions to write.</summary>
public sealed record PodUpdate(V1Pod Pod, IList<V1PodCondition> Conditions);
