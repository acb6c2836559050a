namespace PodLife.Node.Runtime;

/// <summary>One container lifecycle event (CRI ContainerEventResponse).</summary>
/// <param name="ContainerId">The container.</param>
/// <param name="PodSandboxId">Its sandbox.</param>
/// <param name="Type">What happened.</param>
/// <param name="Time">When.</param>
public sealed record ContainerEvent(string ContainerId, string PodSandboxId, ContainerEventType Type, DateTimeOffset Time);
