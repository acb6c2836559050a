using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Stages;

/// <summary>Finds what puts a live pod in the Error stage: no node fits, or a container cannot start or keeps failing.</summary>
internal static class ProblemStage
{
    public static StageResult? Find(V1Pod pod)
    {
        var scheduled = StageText.Condition(pod, PodConditionTypes.PodScheduled);
        if (scheduled is { Status: ConditionStatus.False, Reason: ConditionReasons.Unschedulable })
            return Error(string.IsNullOrEmpty(scheduled.Message)
                ? "the pod cannot be scheduled (Unschedulable)"
                : $"the pod cannot be scheduled: {scheduled.Message}");

        var sidecars = (pod.Spec?.InitContainers ?? []).Where(RestartPolicies.IsSidecar).Select(c => c.Name).ToHashSet();
        foreach (var s in StageText.Statuses(pod.Status?.InitContainerStatuses))
        {
            var kind = sidecars.Contains(s.Name) ? "sidecar container" : "init container";
            if (Problem(kind, s) is { } found) return found;
        }
        foreach (var s in StageText.Statuses(pod.Status?.ContainerStatuses))
        {
            if (Problem("container", s) is { } found) return found;
        }
        return null;
    }

    static StageResult? Problem(string kind, V1ContainerStatus s) => s.State switch
    {
        { Waiting: { } w } when !ContainerReasons.IsBenignWaiting(w.Reason) => Error(StageText.Waiting(kind, s.Name, w)),
        { Terminated: { ExitCode: not 0 } t } => Error(StageText.Exited(kind, s.Name, t)),
        _ => null,
    };

    static StageResult Error(string reason) => new(LifecycleStage.Error, reason);
}
