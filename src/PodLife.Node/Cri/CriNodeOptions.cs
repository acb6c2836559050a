namespace PodLife.Node.Cri;

/// <summary>A real node: its name and either containerd's socket or the directory where PodLife starts its own containerd.</summary>
public sealed record CriNodeOptions
{
    public string NodeName { get; init; } = "podlife-node-1";

    /// <summary>An existing containerd's socket (<c>--containerd-socket</c>); null starts one under <see cref="StateDirectory"/>.</summary>
    public string? Socket { get; init; }

    /// <summary>Holds the containerd and registry PodLife starts, and the pod logs (<c>DATA_DIR/cri</c>).</summary>
    public required string StateDirectory { get; init; }
}
