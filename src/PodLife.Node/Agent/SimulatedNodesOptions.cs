namespace PodLife.Node.Agent;

/// <summary>How many simulated nodes to run in this process and how they are named and addressed.</summary>
public sealed record SimulatedNodesOptions
{
    /// <summary>How many nodes (<c>--nodes N</c> / <c>--simulate N</c>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Node names are this prefix plus 1, 2, …; a single node is named the prefix plus 1 too.</summary>
    public string NamePrefix { get; init; } = "podlife-node-";

    /// <summary>The simulated clock rate (<c>--speed</c>); 1 is real time.</summary>
    public double Speed { get; init; } = 1;
}
