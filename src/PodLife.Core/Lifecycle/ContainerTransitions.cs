using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>Rejects container status changes that cannot happen (status_manager.go checkContainerStateTransition, plus the restart-count rules).</summary>
public static class ContainerTransitions
{
    /// <summary>Checks one container's status change under the pod's restart policy; sidecars may always restart.</summary>
    public static TransitionResult Check(V1ContainerStatus previous, V1ContainerStatus next, string restartPolicy,
        bool isSidecar = false, bool isInitContainer = false)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var name = next.Name;
        if (previous.Name != name) return TransitionResult.Rejected($"container status name changed from {previous.Name} to {name}");
        if (StateCount(next.State) != 1)
            return TransitionResult.Rejected($"container {name} must be in exactly one of waiting, running or terminated");
        if (next.RestartCount < previous.RestartCount)
            return TransitionResult.Rejected($"restartCount of container {name} went down from {previous.RestartCount} to {next.RestartCount}");

        if (previous.State?.Terminated is { } ended && next.State.Terminated is null)
        {
            if (!isSidecar && !RestartPolicies.Restarts(restartPolicy, ended.ExitCode))
            {
                var kind = isInitContainer ? "init container" : "container";
                return TransitionResult.Rejected($"terminated {kind} {name} attempted illegal transition to non-terminated state");
            }
            if (next.State.Running is not null && next.RestartCount == previous.RestartCount)
                return TransitionResult.Rejected($"container {name} started again without increasing restartCount ({next.RestartCount})");
        }
        if (previous.State?.Running is not null && next.State.Waiting is not null && next.LastState?.Terminated is null)
            return TransitionResult.Rejected($"running container {name} cannot be waiting again without a terminated lastState");
        return TransitionResult.Allowed(next);
    }

    /// <summary>Checks every container of a pod status update, as kubelet does before it accepts a status.</summary>
    public static TransitionResult CheckPod(V1PodSpec spec, V1PodStatus? previous, V1PodStatus next)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(next);
        var policy = RestartPolicies.Of(spec);
        var oldRegular = ContainerLookup.ByName(previous?.ContainerStatuses);
        foreach (var s in ContainerLookup.ByName(next.ContainerStatuses).Values)
        {
            if (!oldRegular.TryGetValue(s.Name, out var old)) continue;
            var result = Check(old, s, policy);
            if (!result.IsAllowed) return result;
        }
        var sidecars = ContainerLookup.InitContainers(spec).Where(RestartPolicies.IsSidecar).Select(c => c.Name).ToHashSet();
        var oldInit = ContainerLookup.ByName(previous?.InitContainerStatuses, "initContainerStatuses");
        foreach (var s in ContainerLookup.ByName(next.InitContainerStatuses, "initContainerStatuses").Values)
        {
            if (!oldInit.TryGetValue(s.Name, out var old)) continue;
            var result = Check(old, s, policy, sidecars.Contains(s.Name), isInitContainer: true);
            if (!result.IsAllowed) return result;
        }
        return TransitionResult.Allowed();
    }

    internal static int StateCount(V1ContainerState? state) =>
        state is null ? 0 : (state.Waiting is null ? 0 : 1) + (state.Running is null ? 0 : 1) + (state.Terminated is null ? 0 : 1);
}
