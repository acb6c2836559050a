using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Node.Runtime;

namespace PodLife.Node.Status;

/// <summary>What the node knows about one container of a pod when it computes the pod's status.</summary>
/// <param name="Spec">The container in the pod spec.</param>
/// <param name="Latest">The newest runtime instance (highest attempt), null before the first one was created.</param>
/// <param name="Previous">The instance before it, whose termination becomes lastState.</param>
/// <param name="Waiting">Why the next instance is not running yet (CrashLoopBackOff, ErrImagePull …), if kubelet knows.</param>
/// <param name="Probes">Which probes the container has and whether they have passed.</param>
/// <param name="TerminationMessage">The latest instance's termination message (after FallbackToLogsOnError), if any.</param>
/// <param name="Known">The container's status as the API has it, which kubelet starts from when the runtime has no instance.</param>
public sealed record ContainerFacts(
    V1Container Spec,
    ContainerStatus? Latest = null,
    ContainerStatus? Previous = null,
    V1ContainerState? Waiting = null,
    ProbeResults? Probes = null,
    string? TerminationMessage = null,
    V1ContainerStatus? Known = null)
{
    /// <summary>The container's name.</summary>
    public string Name => Spec.Name;
}
