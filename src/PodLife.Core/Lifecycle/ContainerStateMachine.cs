using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The moves a container status makes (start, exit, wait), each checked by <see cref="ContainerTransitions"/>.</summary>
/// <remarks>restartCount is the runtime attempt number: it goes up when a new container starts after one has exited.</remarks>
public static class ContainerStateMachine
{
    /// <summary>The container is running from <paramref name="now"/>; a restart moves the last termination to lastState.</summary>
    public static TransitionResult Start(V1ContainerStatus status, DateTime now, string restartPolicy, bool isSidecar = false)
    {
        ArgumentNullException.ThrowIfNull(status);
        var state = status.State;
        if (state?.Running is not null) return TransitionResult.Rejected($"container {status.Name} is already running");
        var next = state?.Terminated is { } ended
            ? status with { LastState = new V1ContainerState { Terminated = ended }, RestartCount = status.RestartCount + 1 }
            : status.LastState?.Terminated is not null
                ? status with { RestartCount = status.RestartCount + 1 }
                : status;
        next = next with { State = ContainerStates.Running(now), Started = false, Ready = false };
        return ContainerTransitions.Check(status, next, restartPolicy, isSidecar);
    }

    /// <summary>The running container exited; an empty reason becomes Completed or Error from the exit code.</summary>
    public static TransitionResult Exit(V1ContainerStatus status, int exitCode, DateTime now,
        string? reason = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.State?.Running is not { } running) return TransitionResult.Rejected($"container {status.Name} is not running, so it cannot exit");
        if (running.StartedAt is { } started && now < started)
            return TransitionResult.Rejected($"container {status.Name} cannot exit at {now:O}, before it started at {started:O}");
        var ended = ContainerStates.Terminated(exitCode, running.StartedAt, now, reason, message, containerId: status.ContainerID);
        // Running to terminated is allowed under every policy.
        return ContainerTransitions.Check(status, status with { State = ended, Started = false, Ready = false }, RestartPolicies.Always);
    }

    /// <summary>The container waits (image pull, back-off, config error); leaving a termination keeps it as lastState.</summary>
    public static TransitionResult Wait(V1ContainerStatus status, V1ContainerState waiting, string restartPolicy, bool isSidecar = false)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (waiting?.Waiting is null || ContainerTransitions.StateCount(waiting) != 1)
            throw new ArgumentException("expected a waiting state, e.g. ContainerStates.Waiting(...)", nameof(waiting));
        var next = status.State?.Terminated is { } ended
            ? status with { State = waiting, LastState = new V1ContainerState { Terminated = ended } }
            : status with { State = waiting };
        return ContainerTransitions.Check(status, next with { Started = false, Ready = false }, restartPolicy, isSidecar);
    }
}
