using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>What kubelet knows beyond the container statuses when it computes the phase.</summary>
/// <param name="PodIsTerminal">The pod is being torn down for good (deleted, evicted, deadline exceeded) and all its containers have stopped.</param>
/// <param name="PodHasInitialized">A regular container has started in the current sandbox (kubecontainer.HasAnyActiveRegularContainerStarted).</param>
/// <param name="IsStaticPod">Static pods never get a terminal phase from podIsTerminal (kubernetes#116484).</param>
public sealed record PodPhaseFacts(bool PodIsTerminal = false, bool PodHasInitialized = false, bool IsStaticPod = false)
{
    /// <summary>Facts read off the statuses alone: initialized once any regular container is running or has terminated.</summary>
    public static PodPhaseFacts FromStatuses(V1PodSpec spec, IEnumerable<V1ContainerStatus>? statuses, bool podIsTerminal = false) =>
        new(podIsTerminal, ContainerLookup.AnyRegularContainerStarted(spec, statuses));
}
