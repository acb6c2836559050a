namespace PodLife.Node.Agent;

/// <summary>How many simulated nodes to run in this process and how they are named and addressed.</summary>
public sealed record SimulatedNodesOptions
{
    /// <summary>How many nodes (<c>--nodes N</c> / <c>--simulate N</c>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Node names are this prefix plus 1, 2, …; a single node is named the prefix plus 1 too.</summary>
    public string NamePrefix { get; init; } = "podlife-node-";

    /// <summary>
    /// The InternalIP every node reports (a separate <c>podlife node</c> process: the address its kubelet endpoint
    /// listens on, as all of KWOK's nodes share one); null gives each node its own 172.18.x.y.
    /// </summary>
    public string? InternalIp { get; init; }

    /// <summary>The port each node reports as status.daemonEndpoints.kubeletEndpoint.Port.</summary>
    public int KubeletPort { get; init; } = NodeAgentOptions.DefaultKubeletPort;

    /// <summary>The name of node <paramref name="index"/> (1-based).</summary>
    public string NodeName(int index) => NamePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The simulated clock rate (<c>--speed</c>); 1 is real time.</summary>
    public double Speed { get; init; } = 1;
}
