namespace PodLife.Node.Runtime;

/// <summary>A pod sandbox's state as CRI reports it (runtime.v1 PodSandboxState).</summary>
public enum PodSandboxState
{
    /// <summary>Running, with its network set up.</summary>
    Ready,

    /// <summary>Stopped; its containers are stopped too.</summary>
    NotReady,
}
