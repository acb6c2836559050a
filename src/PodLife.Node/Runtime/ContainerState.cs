namespace PodLife.Node.Runtime;

/// <summary>A container's state as CRI reports it (runtime.v1 ContainerState).</summary>
public enum ContainerState
{
    /// <summary>Created, not started yet.</summary>
    Created,

    /// <summary>Its process runs.</summary>
    Running,

    /// <summary>Its process has exited; exit code and reason are set.</summary>
    Exited,

    /// <summary>The runtime lost track of it.</summary>
    Unknown,
}
