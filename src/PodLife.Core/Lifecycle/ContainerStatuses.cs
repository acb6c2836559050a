using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>Container statuses as kubelet first reports them, before the runtime knows the container.</summary>
public static class ContainerStatuses
{
    /// <summary>Waiting ContainerCreating (or PodInitializing in a pod with init containers), not ready, not started, no restarts.</summary>
    public static V1ContainerStatus Initial(V1Container container, bool podHasInitContainers)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(container.Name, "container.name");
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = "",
            Ready = false,
            Started = false,
            RestartCount = 0,
            State = ContainerStates.Initial(podHasInitContainers),
            LastState = ContainerStates.None(),
        };
    }

    /// <summary>Initial statuses for every init container (spec order) and every regular container (sorted by name, as kubelet sorts them).</summary>
    public static (IList<V1ContainerStatus> Init, IList<V1ContainerStatus> Regular) InitialFor(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inits = ContainerLookup.InitContainers(spec);
        var hasInits = inits.Count > 0;
        return (
            inits.Select(c => Initial(c, hasInits)).ToList(),
            ContainerLookup.Containers(spec).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => Initial(c, hasInits)).ToList());
    }
}
