namespace PodLife.Core.Explain;

/// <summary>One container's state in plain words: kind, state with reason and message, last exit, restarts.</summary>
/// <param name="Kind">"init container", "sidecar container" or "container".</param>
/// <param name="State">"waiting", "running", "terminated", "no status yet", or "never started" (in a pod that ended without it).</param>
/// <param name="Since">When the state began (startedAt, or finishedAt for terminated).</param>
/// <param name="LastExit">The previous run's end (lastState.terminated), if any.</param>
public sealed record ContainerExplanation(
    string Kind,
    string Name,
    string Image,
    string State,
    string? Reason,
    string? Message,
    int? ExitCode,
    DateTimeOffset? Since,
    bool Ready,
    int RestartCount,
    ContainerExit? LastExit);
