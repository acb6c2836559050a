using PodLife.Core;

namespace PodLife.Node.Agent;

/// <summary>Who a node agent is and what it offers: name, address and capacity.</summary>
public sealed record NodeAgentOptions
{
    public required string NodeName { get; init; }

    /// <summary>The node's InternalIP (pods' hostIP).</summary>
    public string InternalIp { get; init; } = "172.18.0.2";

    public string Cpu { get; init; } = "4";
    public string Memory { get; init; } = "16Gi";
    public string Pods { get; init; } = "110";
    public string EphemeralStorage { get; init; } = "100Gi";

    /// <summary>The pod CIDR the runtime allocates from (spec.podCIDR).</summary>
    public string PodCidr { get; init; } = "10.244.0.0/24";

    /// <summary>Lease renewal interval (kubelet: 10s, lease duration 40s).</summary>
    public TimeSpan LeaseInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node status is posted even when nothing changed (nodeStatusReportFrequency: 5m).</summary>
    public TimeSpan StatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A feed of pods shared with other agents of this process, run by their host (<see cref="SimulatedNodes"/>); null:
    /// the agent lists and watches its own pods, as kubelet does.
    /// </summary>
    public NodePodFeed? PodFeed { get; init; }

    /// <summary>
    /// A feed of Node specs shared with other agents of this process, run by their host; null: the agent watches its
    /// own Node.
    /// </summary>
    public NodeSpecFeed? NodeFeed { get; init; }

    /// <summary>
    /// The cluster's services shared with other agents of this process, run by their host; null: the agent lists and
    /// watches them itself, as kubelet does.
    /// </summary>
    public ClusterServices? Services { get; init; }

    /// <summary>kubelet's default --port, where it serves /containerLogs.</summary>
    public const int DefaultKubeletPort = 10250;

    /// <summary>The port of the node's kubelet endpoint (status.daemonEndpoints.kubeletEndpoint.Port).</summary>
    public int KubeletPort { get; init; } = DefaultKubeletPort;

    /// <summary>The kubelet version the node reports: the API server's own (<see cref="KubernetesRelease"/>).</summary>
    public string KubeletVersion { get; init; } = KubernetesRelease.GitVersion;

    /// <summary>The runtime name and version the node reports.</summary>
    public string ContainerRuntimeVersion { get; init; } = "podlife-sim://0.1.0";
}
