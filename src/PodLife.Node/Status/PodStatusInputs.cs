using k8s.Models;

namespace PodLife.Node.Status;

/// <summary>Everything <see cref="PodStatusBuilder"/> needs besides the pod itself.</summary>
/// <param name="Init">Facts of the init containers, in spec order.</param>
/// <param name="Regular">Facts of the regular containers, in spec order.</param>
/// <param name="SandboxReady">The pod sandbox exists and its network is up (PodReadyToStartContainers).</param>
/// <param name="PodIp">The sandbox's IP, null before it has one.</param>
/// <param name="HostIp">The node's InternalIP.</param>
/// <param name="StartTime">When kubelet first synced the pod.</param>
/// <param name="PodIsTerminal">The pod is being torn down for good and all its containers have stopped.</param>
/// <param name="Now">The time conditions that flip are stamped with.</param>
public sealed record PodStatusInputs(
    IReadOnlyList<ContainerFacts> Init,
    IReadOnlyList<ContainerFacts> Regular,
    bool SandboxReady,
    string? PodIp,
    string HostIp,
    DateTime? StartTime,
    bool PodIsTerminal,
    DateTime Now)
{
    /// <summary>A pod-level failure that forces phase Failed (an eviction, e.g. DeadlineExceeded).</summary>
    public (string Reason, string Message)? Eviction { get; init; }

    /// <summary>Facts of the ephemeral containers, in the order they were added; they count for no phase or condition.</summary>
    public IReadOnlyList<ContainerFacts> Ephemeral { get; init; } = [];
}
