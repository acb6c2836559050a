namespace PodLife.Core.Stages;

/// <summary>The five stages of a pod's life that <c>podlife explain</c> talks about.</summary>
public enum LifecycleStage
{
    /// <summary>Waiting to be scheduled, running init containers, or creating containers (phase Pending).</summary>
    Initializing,

    /// <summary>Running, but not every container is ready yet (startup or readiness probes pending).</summary>
    ReadyToRun,

    /// <summary>Running and Ready.</summary>
    NormalOperation,

    /// <summary>Succeeded or Failed for good, or being deleted.</summary>
    Terminated,

    /// <summary>Something needs attention: a container cannot start or keeps crashing, or no node fits.</summary>
    Error,
}
