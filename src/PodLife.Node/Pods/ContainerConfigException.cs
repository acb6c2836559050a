namespace PodLife.Node.Pods;

/// <summary>kubelet could not make a container's config (CreateContainerConfigError); the message is kubelet's.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
