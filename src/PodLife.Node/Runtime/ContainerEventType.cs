namespace PodLife.Node.Runtime;

/// <summary>Kinds of container lifecycle events (CRI ContainerEventType).</summary>
public enum ContainerEventType
{
    /// <summary>The container was created.</summary>
    Created,

    /// <summary>Its process started.</summary>
    Started,

    /// <summary>Its process exited.</summary>
    Stopped,

    /// <summary>It was removed.</summary>
    Deleted,
}
