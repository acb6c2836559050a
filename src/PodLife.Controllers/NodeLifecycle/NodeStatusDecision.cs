using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>
/// The result of a monitor pass: the node's conditions (written back when <paramref name="Changed"/>), and the Ready
/// status before (<paramref name="ObservedReady"/>) and after (<paramref name="CurrentReady"/>) the pass.
/// </summary>
public sealed record NodeStatusDecision(IList<V1NodeCondition> Conditions, bool Changed, string ObservedReady, string CurrentReady)
{
    /// <summary>Ready left True in this pass: the node's pods are marked not ready and a NodeNotReady event recorded.</summary>
    public bool BecameNotReady => ObservedReady == NodeConditions.True && CurrentReady != NodeConditions.True;
}
