using k8s;
using Microsoft.Extensions.Logging;
using PodLife.Node.Agent;
using PodLife.Node.Events;
using PodLife.Node.Runtime;
using PodLife.Node.Volumes;

namespace PodLife.Node.Pods;

/// <summary>What every pod worker of one node shares: the API client, the runtime, the clock and the node's identity.</summary>
public sealed record PodWorkerContext(
    IKubernetes Client,
    IContainerRuntime Runtime,
    IPodNetwork Network,
    NodeClock Clock,
    string NodeName,
    string HostIp,
    EventRecorder Events,
    ILogger Logger)
{
    /// <summary>The node's pod directories (volumes, termination-log files); null where the runtime keeps files itself (simulated).</summary>
    public IPodVolumes? Volumes { get; init; }

    /// <summary>Where the workers note the versions their status writes made, so the node's feed skips those events.</summary>
    public OwnStatusWrites? OwnWrites { get; init; }

    /// <summary>The cluster's services (for the containers' service variables); null: the node knows no API (tests of one worker).</summary>
    public ClusterServices? Services { get; init; }
}
