namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>The shape of an image catalog file (YAML or JSON): images and the programs they run.</summary>
public sealed record CatalogFile
{
    /// <summary>Repositories with their tags.</summary>
    public List<CatalogImage> Images { get; init; } = [];

    /// <summary>Program behaviours, matched by name and arguments.</summary>
    public List<ProgramBehavior> Programs { get; init; } = [];
}
