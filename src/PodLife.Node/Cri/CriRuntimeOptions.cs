namespace PodLife.Node.Cri;

/// <summary>Where the CRI runtime listens and where the node keeps its pods' logs.</summary>
public sealed record CriRuntimeOptions
{
    /// <summary>containerd's gRPC socket (<c>--containerd-socket</c>).</summary>
    public required string Socket { get; init; }

    /// <summary>The node's pod log directory: kubelet's /var/log/pods, one <c>NAMESPACE_NAME_UID</c> directory per pod.</summary>
    public string PodLogDirectory { get; init; } = "/var/log/pods";

    /// <summary>How often container states are listed to notice exits (kubelet's generic PLEG relists every second).</summary>
    public TimeSpan RelistPeriod { get; init; } = TimeSpan.FromSeconds(1);
}
