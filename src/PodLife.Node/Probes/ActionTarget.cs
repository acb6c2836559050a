using k8s.Models;
using PodLife.Node.Runtime;

namespace PodLife.Node.Probes;

/// <summary>Where a probe or lifecycle hook runs: a container (for exec), its pod's IP and the node's network.</summary>
public sealed record ActionTarget(IContainerRuntime Runtime, IPodNetwork Network, string ContainerId, V1Container Container, string PodIp);
