using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Stages;

/// <summary>Classifies a pod into its lifecycle stage from its phase, conditions and container states.</summary>
/// <remarks>
/// Where the introductory blog this follows disagrees with Kubernetes, Kubernetes wins (spec/lifecycle.md §14): an image
/// that cannot be pulled leaves the pod Pending, only a crash loop happens in phase Running, and Initialized is False only
/// while an init container is incomplete.
/// </remarks>
public static class PodStage
{
    public static StageResult Classify(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var status = pod.Status;
        var phase = string.IsNullOrEmpty(status?.Phase) ? PodPhase.Pending : status.Phase;
        if (phase is not (PodPhase.Pending or PodPhase.Running or PodPhase.Succeeded or PodPhase.Failed or PodPhase.Unknown))
            throw new ArgumentException($"status.phase \"{phase}\" is not a pod phase", nameof(pod));

        if (PodPhase.IsTerminal(phase)) return TerminalStage.Explain(pod, phase);
        if (pod.Metadata?.DeletionTimestamp is not null)
            return new(LifecycleStage.Terminated, "the pod is being deleted: its containers are being stopped (Terminating)");
        if (phase == PodPhase.Unknown)
            return new(LifecycleStage.Error, "phase Unknown: the node stopped reporting this pod's status");
        return ProblemStage.Find(pod) ?? (phase == PodPhase.Pending ? PendingStage.Explain(pod) : RunningStage.Explain(pod));
    }
}
