using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Stages;

/// <summary>Tells normal operation (Ready) from ready-to-run (running, not yet ready) for a Running pod.</summary>
internal static class RunningStage
{
    public static StageResult Explain(V1Pod pod)
    {
        var ready = StageText.Condition(pod, PodConditionTypes.Ready)
            ?? (pod.Spec is null ? null : PodConditions.Ready(pod.Spec, pod.Status?.Conditions, PodConditions.AllStatuses(pod.Status), PodPhase.Running));
        if (ready?.Status == ConditionStatus.True)
            return new(LifecycleStage.NormalOperation, "Running and Ready: every container is ready to serve");

        var why = string.IsNullOrEmpty(ready?.Message)
            ? "not every container is ready yet"
            : ready.Message;
        return new(LifecycleStage.ReadyToRun, $"Running but not Ready: {why}");
    }
}
