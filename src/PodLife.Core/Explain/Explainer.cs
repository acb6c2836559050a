using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Core.Printing;
using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>Explains in plain words where a pod is in its lifecycle, why, what happens next and what the user can do.</summary>
public static class Explainer
{
    public static PodExplanation Explain(V1Pod pod, IReadOnlyList<Corev1Event> events, V1Node? node,
        IReadOnlyList<V1Node>? nodes, PodHistory? history, DateTimeOffset now, IEnumerable<V1Service>? services = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var input = new ExplainInput(pod, events ?? [], node, nodes ?? [], now);
        var phase = string.IsNullOrEmpty(pod.Status?.Phase) ? PodPhase.Pending : pod.Status.Phase;
        var stage = Stage(input, phase);
        var row = PodColumns.From(pod, now);
        var containers = ContainerNotes.Of(pod);
        var guidance = Advise(input, phase, containers);
        var health = Health(stage.Stage, phase, guidance);

        return new PodExplanation(
            input.Namespace, input.Name, Blank(pod.Spec?.NodeName),
            stage.Stage, stage.Reason, phase, row.Status, row.Ready, row.Restarts, row.Age, health,
            (pod.Status?.Conditions ?? []).Where(c => c is not null && c.Status != ConditionStatus.True)
                .Select(c => new ConditionExplanation(c.Type, c.Status, Blank(c.Reason), Blank(c.Message), KubeTime.ToInstant(c.LastTransitionTime)))
                .ToList(),
            containers.Select(c => ContainerNotes.Explain(c.Kind, c.Spec, c.Status, PodPhase.IsTerminal(phase))).ToList(),
            Distinct(guidance.Next), Distinct(guidance.Actions),
            CurrentDetail(history?.Spans(now) ?? [], stage))
        {
            Services = ServiceNotes.For(pod, services ?? []),
        };
    }

    // The history records a stage when the pod enters it (an initializing pod "waiting to be scheduled"); the stage it is
    // still in is described as it is now, as the Stage line above it says.
    static IReadOnlyList<StageSpan> CurrentDetail(IReadOnlyList<StageSpan> spans, StageResult stage) =>
        spans.Count > 0 && spans[^1] is { Current: true } last && last.Stage == stage.Stage && last.Detail != stage.Reason
            ? [.. spans.Take(spans.Count - 1), last with { Detail = stage.Reason }]
            : spans;

    // A live pod on a lost node is in trouble whatever its own status says: the node controller only flipped Ready.
    static StageResult Stage(ExplainInput input, string phase) =>
        !PodPhase.IsTerminal(phase) && input.Pod.Metadata?.DeletionTimestamp is null && NodeAdvisor.NotReady(input) is { } lost
            ? new StageResult(LifecycleStage.Error, lost)
            : PodStage.Classify(input.Pod);

    static Guidance Advise(ExplainInput input, string phase, IReadOnlyList<(string Kind, V1Container Spec, V1ContainerStatus? Status)> containers)
    {
        var guidance = SchedulingAdvisor.Advise(input) + NodeAdvisor.Advise(input) + DeletionAdvisor.Advise(input) + AdmissionAdvisor.Advise(input);
        // A finished pod's containers never run again: explain their exits, not restarts or probes.
        foreach (var (kind, _, status) in containers)
        {
            if (status is null) continue;
            guidance += ExitAdvisor.Advise(input, status, kind);
            if (PodPhase.IsTerminal(phase)) continue;
            guidance += ImagePullAdvisor.Advise(input, status, kind) + ProbeAdvisor.Advise(input, status, kind)
                + WaitingAdvisor.Advise(input, status, kind);
        }
        return guidance + PhaseOutlook(input, phase, guidance);
    }

    // What happens when no advisor had anything to say about the future.
    static Guidance PhaseOutlook(ExplainInput input, string phase, Guidance said) => phase switch
    {
        PodPhase.Succeeded => Guidance.Of("nothing: the pod has completed and stays, with its logs, until it is deleted"),
        PodPhase.Failed when AdmissionAdvisor.Rejected(input) => Guidance.Of("nothing: a Failed pod is never restarted, and this one never ran (it has no logs)"),
        PodPhase.Failed => Guidance.Of($"nothing: a Failed pod is never restarted; fix the cause and create it again (its logs stay until it is deleted: {input.Kubectl("logs")})"),
        _ when said.Next.Count > 0 => Guidance.None,
        PodPhase.Running => Guidance.Of("nothing: the pod runs until it is deleted or its containers exit"),
        _ => Guidance.None,
    };

    static PodHealth Health(LifecycleStage stage, string phase, Guidance guidance) => (stage, phase) switch
    {
        (_, PodPhase.Succeeded) => PodHealth.Completed,
        (_, PodPhase.Failed) or (LifecycleStage.Error, _) => PodHealth.InTrouble,
        _ when guidance.Trouble => PodHealth.InTrouble,
        (LifecycleStage.NormalOperation, _) => PodHealth.Healthy,
        _ => PodHealth.Progressing,
    };

    static IReadOnlyList<string> Distinct(IReadOnlyList<string> lines) => lines.Distinct(StringComparer.Ordinal).ToList();

    static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
