using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Node.Runtime;
using RuntimeState = PodLife.Node.Runtime.ContainerState;

namespace PodLife.Node.Status;

/// <summary>One container's API status from its runtime instances (kubelet_pods.go convertToAPIContainerStatuses).</summary>
public static class ContainerStatusBuilder
{
    /// <summary>The container runtime's scheme in containerID.</summary>
    public const string IdScheme = "containerd://";

    /// <summary>
    /// The newest instance gives state, the one before it lastState, restartCount is the newest attempt; a container
    /// kubelet holds back (back-off, image errors) is Waiting with its last termination kept as lastState.
    /// </summary>
    public static V1ContainerStatus Build(ContainerFacts facts, bool podHasInitContainers, bool isRegularInit, bool podDeleted = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var probes = facts.Probes ?? ProbeResults.None;
        if (facts.Latest is not { } latest) return WithoutInstance(facts, podHasInitContainers, podDeleted);

        var current = State(latest, facts.TerminationMessage);
        var last = facts.Previous is { } previous ? State(previous, previous.Message) : ContainerStates.None();
        if (facts.Waiting is not null && latest.State == RuntimeState.Exited)
        {
            (current, last) = (facts.Waiting, current);
        }
        var status = new V1ContainerStatus
        {
            Name = facts.Name,
            Image = latest.Image,
            ImageID = latest.ImageRef,
            ContainerID = IdScheme + latest.Id,
            RestartCount = latest.Config.Attempt,
            State = current,
            LastState = last.Terminated is null ? ContainerStates.None() : last,
        };
        return ContainerReadiness.Apply(status, probes, isRegularInit);
    }

    /// <summary>
    /// No instance in the runtime: not created yet, or gone with the runtime's state when the node restarted. kubelet
    /// then starts from the status the API has: a container that had terminated keeps that status whole; any other is
    /// Waiting with its restart count and last state kept, and one that was Running has evidently stopped, which its
    /// last state says (ContainerStatusUnknown, 137) and, unless the pod is being deleted, counts as a restart.
    /// </summary>
    static V1ContainerStatus WithoutInstance(ContainerFacts facts, bool podHasInitContainers, bool podDeleted)
    {
        var status = ContainerStatuses.Initial(facts.Spec, podHasInitContainers);
        if (facts.Known is { } known)
        {
            if (known.State?.Terminated is not null)
                return facts.Waiting is null ? known with { } : known with { State = facts.Waiting, LastState = known.State };
            status = status with { RestartCount = known.RestartCount, LastState = known.LastState ?? ContainerStates.None() };
            if (known.State?.Running is not null && status.LastState.Terminated is null)
            {
                status = status with
                {
                    LastState = ContainerStates.StatusUnknownOnDeletion(),
                    RestartCount = podDeleted ? status.RestartCount : status.RestartCount + 1,
                };
            }
        }
        return facts.Waiting is null ? status : status with { State = facts.Waiting };
    }

    static V1ContainerState State(ContainerStatus c, string? message) => c.State switch
    {
        RuntimeState.Running => ContainerStates.Running(c.StartedAt!.Value.UtcDateTime),
        // A container that never started has startedAt 0 in CRI, which kubelet shows as the epoch (time.Unix(0, 0)).
        RuntimeState.Exited => ContainerStates.Terminated(c.ExitCode, (c.StartedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime, c.FinishedAt?.UtcDateTime,
            c.Reason, message, containerId: IdScheme + c.Id),
        RuntimeState.Unknown => ContainerStates.StatusUnknownOnTermination(),
        _ => ContainerStates.Waiting(null),
    };
}
