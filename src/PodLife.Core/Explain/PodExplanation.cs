using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>Everything <c>podlife explain</c> says about one pod, as a tree that serialises to JSON as is.</summary>
/// <param name="Status">kubectl's STATUS column (CrashLoopBackOff, Init:0/1, Terminating, ...).</param>
/// <param name="Next">What Kubernetes will do next, and when, in plain words.</param>
/// <param name="Actions">What the user can do about it.</param>
/// <param name="History">How long each stage took, when a lifecycle history was available.</param>
public sealed record PodExplanation(
    string Namespace,
    string Name,
    string? Node,
    LifecycleStage Stage,
    string StageReason,
    string Phase,
    string Status,
    string Ready,
    string Restarts,
    string Age,
    PodHealth Health,
    IReadOnlyList<ConditionExplanation> Conditions,
    IReadOnlyList<ContainerExplanation> Containers,
    IReadOnlyList<string> Next,
    IReadOnlyList<string> Actions,
    IReadOnlyList<StageSpan> History)
{
    /// <summary>The Services that select the pod, and whether they send it traffic (none when it has no Service).</summary>
    public IReadOnlyList<ServiceExplanation> Services { get; init; } = [];

    /// <summary>The command's exit code: 1 when the pod is in trouble, else 0 (healthy, progressing or completed).</summary>
    public int ExitCode => Health == PodHealth.InTrouble ? 1 : 0;
}
