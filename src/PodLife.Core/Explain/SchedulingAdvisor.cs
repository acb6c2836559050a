using System.Text.RegularExpressions;
using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>Explains a pod that is not on a node yet: gated, unschedulable (per FailedScheduling reason), or waiting.</summary>
/// <remarks>Message shape from pkg/scheduler/schedule_one.go (FitError.Error): "0/N nodes are available: 2 Insufficient cpu,
/// 1 node(s) had untolerated taint {...}. preemption: ...". kube-scheduler retries an unschedulable pod when the cluster
/// changes and at the latest after podMaxInUnschedulablePodsDuration (5 min).</remarks>
internal static partial class SchedulingAdvisor
{
    public static Guidance Advise(ExplainInput input)
    {
        var pod = input.Pod;
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName)) return Guidance.None;
        var scheduled = StageText.Condition(pod, PodConditionTypes.PodScheduled);
        if (scheduled?.Reason == ConditionReasons.SchedulingGated)
        {
            var gates = string.Join(", ", (pod.Spec?.SchedulingGates ?? []).Select(g => g.Name));
            return Guidance.Of(
                "nothing: the scheduler ignores the pod until its scheduling gates are removed",
                $"remove the scheduling gate(s) [{gates}] once the pod may run: {input.Kubectl("patch", "--type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates\"}]'")}");
        }
        if (scheduled?.Reason != ConditionReasons.Unschedulable)
            return Guidance.Of($"the scheduler ({pod.Spec?.SchedulerName ?? "default-scheduler"}) has not placed the pod yet; it normally does within a second");

        var message = scheduled.Message ?? "";
        var guidance = Guidance.Of(
            "the scheduler retries when the cluster changes (a node is added or freed, the pod is updated), and at least every 5 minutes; until then the pod stays Pending",
            trouble: true);
        return Reasons(message).Aggregate(guidance, (g, r) => g + ForReason(input, r.Count, r.Reason));
    }

    /// <summary>The "count reason" parts of a FailedScheduling message, before its preemption part.</summary>
    public static IReadOnlyList<(int Count, string Reason)> Reasons(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (!message.StartsWith("0/", StringComparison.Ordinal) || colon < 0) return [];
        var body = message[(colon + 2)..];
        var preemption = body.IndexOf(". preemption:", StringComparison.Ordinal);
        body = (preemption >= 0 ? body[..preemption] : body).TrimEnd('.');
        return ReasonPart().Matches(body).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();
    }

    static Guidance ForReason(ExplainInput input, int count, string reason)
    {
        if (reason.StartsWith("Insufficient ", StringComparison.Ordinal))
            return Insufficient(input, count, reason["Insufficient ".Length..]);
        if (reason.Contains("untolerated taint", StringComparison.Ordinal))
            return Guidance.Of(action: $"{count} node(s) have a taint the pod does not tolerate: add a matching toleration to the pod, or remove the taint (kubectl taint nodes NODE KEY-)");
        if (reason.Contains("node affinity/selector", StringComparison.Ordinal))
            return Guidance.Of(action: $"{count} node(s) do not match the pod's nodeSelector/affinity: compare them with the node labels (kubectl get nodes --show-labels)");
        if (reason.Contains("were unschedulable", StringComparison.Ordinal))
            return Guidance.Of(action: $"{count} node(s) are cordoned: kubectl uncordon NODE when they may take pods again");
        if (reason == "Too many pods")
            return Guidance.Of(action: $"{count} node(s) run their maximum number of pods: delete pods or add nodes");
        return Guidance.None;
    }

    static Guidance Insufficient(ExplainInput input, int count, string resource)
    {
        var request = PodRequests.Of(input.Pod.Spec, resource);
        var largest = input.Nodes.Select(n => PodRequests.Allocatable(n, resource)).Where(q => q is not null).Max();
        var requestText = request is null ? "" : $" - the pod requests {request} {resource}";
        var nodeText = largest is null ? "" : $", the largest node has {largest} {resource} allocatable in total";
        return Guidance.Of(
            $"{count} node(s) lack {resource}{requestText}{nodeText}",
            $"lower the pod's {resource} request{(request is null ? "" : $" (now {request})")}, free {resource} by removing other pods, or add a node with more {resource}",
            trouble: true);
    }

    [GeneratedRegex(@"(\d+) (.+?)(?=, \d+ |$)")]
    private static partial Regex ReasonPart();
}
