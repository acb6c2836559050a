using PodLife.Node.Runtime.Simulated.Images;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>Settings of one simulated node's runtime.</summary>
public sealed record SimulatedRuntimeOptions
{
    /// <summary>Which images exist and what their programs do.</summary>
    public ImageCatalog Catalog { get; init; } = ImageCatalog.BuiltIn;

    /// <summary>The node's pod CIDR (IPv4, prefix 16 to 30); pods get addresses from its second one up.</summary>
    public string PodCidr { get; init; } = "10.244.0.0/24";

    /// <summary>The node's memory: the limit of containers that have none.</summary>
    public long NodeMemoryBytes { get; init; } = 16L << 30;

    /// <summary>Log lines kept per container before the oldest are dropped.</summary>
    public int MaxLogLines { get; init; } = 10_000;

    /// <summary>Seeds the ids of sandboxes and containers, so that different nodes get different ids.</summary>
    public string IdSeed { get; init; } = "podlife";
}
