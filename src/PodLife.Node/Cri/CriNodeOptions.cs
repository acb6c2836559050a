namespace PodLife.Node.Cri;

/// <summary>A real node: its name, containerd's socket and where its pods' logs go.</summary>
public sealed record CriNodeOptions
{
    public string NodeName { get; init; } = "podlife-node-1";

    /// <summary>containerd's CRI socket (<c>--containerd-socket</c>, or the one PodLife started).</summary>
    public required string Socket { get; init; }

    /// <summary>The node's pod log directory (<c>DATA_DIR/cri/pods</c>).</summary>
    public required string PodLogDirectory { get; init; }

    /// <summary>kubelet's root directory, holding each pod's volumes and termination-log files (<c>DATA_DIR/cri/kubelet</c>).</summary>
    public required string KubeletDirectory { get; init; }

    /// <summary>The node's InternalIP; null picks the host's first non-loopback IPv4 address.</summary>
    public string? InternalIp { get; init; }

    /// <summary>The port of the kubelet endpoint the node reports (where the API server reads its containers' logs).</summary>
    public int KubeletPort { get; init; } = Agent.NodeAgentOptions.DefaultKubeletPort;
}
