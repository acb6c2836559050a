using k8s.Models;
using PodLife.Node.Runtime;

namespace PodLife.Node.Volumes;

/// <summary>
/// A node's pod directories as kubelet keeps them: volumes set up before containers start, each container's
/// termination-log file, all removed with the pod.
/// </summary>
public interface IPodVolumes
{
    /// <summary>The pod's volumes this node sets up and mounts (all of them, unless the node says otherwise).</summary>
    IEnumerable<V1Volume> Served(V1Pod pod) => pod?.Spec?.Volumes ?? [];

    /// <summary>Creates (or refreshes) the pod's volume directories with their content.</summary>
    Task SetUpAsync(string podUid, IReadOnlyList<VolumeSetup> volumes, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bind mounts of one container instance: its volumeMounts and its terminationMessagePath, whose host file is
    /// created empty here.
    /// </summary>
    Task<IReadOnlyList<Mount>> MountsAsync(string podUid, V1Container container, int attempt, IReadOnlyList<VolumeSetup> volumes,
        CancellationToken cancellationToken = default);

    /// <summary>What the instance wrote to its termination-message file (at most the last 4096 bytes); empty if nothing.</summary>
    Task<string> TerminationMessageAsync(string podUid, string container, int attempt, CancellationToken cancellationToken = default);

    /// <summary>Unmounts and deletes everything of the pod.</summary>
    Task TearDownAsync(string podUid, CancellationToken cancellationToken = default);
}
