using System.Globalization;
using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>
/// Whether a node admits a pod bound to it (kubelet's predicateAdmitHandler, pkg/kubelet/lifecycle/predicate.go): the
/// same checks kube-scheduler makes (scheduler.AdmissionCheck) plus NoExecute taints, against the pods the node already
/// runs. It matters for a pod that skipped the scheduler (<c>spec.nodeName</c> set by hand): kubelet fails it at once,
/// with the first failed check as the pod's reason (<c>OutOfcpu</c>, <c>NodeAffinity</c>, …).
/// </summary>
public static class KubeletAdmission
{
    /// <summary>What precedes the reason in the rejected pod's status message (kubelet's rejectPod).</summary>
    public const string RejectedPrefix = "Pod was rejected: ";

    const string Linux = "linux";
    const string OsLabel = "kubernetes.io/os";

    /// <summary>A refusal: the pod's status reason, and the event's message (the status says it after <see cref="RejectedPrefix"/>).</summary>
    public sealed record Rejection(string Reason, string Message)
    {
        public string StatusMessage => RejectedPrefix + Message;
    }

    /// <summary>True for a pod a node refused (Failed with <see cref="RejectedPrefix"/>): it never runs anywhere.</summary>
    public static bool WasRejected(V1Pod pod) =>
        pod?.Status?.Phase == "Failed" && pod.Status.Message?.StartsWith(RejectedPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Null when <paramref name="node"/> admits <paramref name="pod"/>; <paramref name="running"/> are the other pods the
    /// node has admitted (those that ended are left out here).
    /// </summary>
    public static Rejection? Check(V1Pod pod, V1Node node, IEnumerable<V1Pod> running)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(running);
        // The node's OS is the kubelet's own; a node label saying otherwise is corrected at its next status update.
        if (pod.Metadata?.Labels?.TryGetValue(OsLabel, out var os) == true && os != Linux)
            return new Rejection("PodOSSelectorNodeLabelDoesNotMatch", "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label");
        if (pod.Spec?.Os?.Name is { } osName && osName != Linux)
            return new Rejection("PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS");
        var spec = pod.Spec ?? new V1PodSpec();
        var others = running.Where(p => p.Uid() != pod.Uid() && p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        return Resources(spec, node, others)
            ?? (NodeSelectorMatch.MatchesRequired(spec, node) ? null : Predicate("NodeAffinity", "node(s) didn't match Pod's node affinity/selector"))
            ?? (string.IsNullOrEmpty(spec.NodeName) || spec.NodeName == node.Name() ? null : Predicate("NodeName", "node(s) didn't match the requested node name"))
            ?? Ports(spec, others)
            ?? (Taints.FirstUntolerated(node.Spec?.Taints, spec.Tolerations, Taints.NoExecute) is null
                ? null : Predicate("TaintToleration", "node(s) had taints that the pod didn't tolerate"));
    }

    // noderesources.Fits, first shortage only: "used" is what the node's other pods request, "capacity" the node's
    // allocatable (cpu in millicores, the others in bytes).
    static Rejection? Resources(V1PodSpec spec, V1Node node, List<V1Pod> others)
    {
        var allocatable = node.Status?.Allocatable;
        var allowedPods = allocatable is null ? 0 : ResourceAmounts.Value(allocatable, "pods");
        var capacity = ResourceAmounts.From(allocatable);
        var want = PodRequests.Of(spec);
        // The others' requests matter only to a pod that asks for something.
        var used = want.IsZero ? ResourceAmounts.Zero : others.Aggregate(ResourceAmounts.Zero, (sum, p) => p.Spec is null ? sum : sum + PodRequests.Of(p.Spec));
        var lacking = ResourceFit.Check(want, capacity, used, others.Count, allowedPods);
        if (lacking.HasFlag(ResourceFit.Shortages.Pods)) return Insufficient("pods", 1, others.Count, allowedPods);
        if (lacking.HasFlag(ResourceFit.Shortages.Cpu)) return Insufficient("cpu", want.MilliCpu, used.MilliCpu, capacity.MilliCpu);
        if (lacking.HasFlag(ResourceFit.Shortages.Memory)) return Insufficient("memory", want.Memory, used.Memory, capacity.Memory);
        if (lacking.HasFlag(ResourceFit.Shortages.EphemeralStorage))
            return Insufficient("ephemeral-storage", want.EphemeralStorage, used.EphemeralStorage, capacity.EphemeralStorage);
        return null;
    }

    static Rejection? Ports(V1PodSpec spec, List<V1Pod> others)
    {
        var wanted = HostPort.OfPod(spec);
        if (wanted.Count == 0) return null;
        var taken = others.Where(p => p.Spec is not null).SelectMany(p => HostPort.OfPod(p.Spec)).ToList();
        return wanted.Any(w => taken.Any(w.Conflicts)) ? Predicate("NodePorts", "node(s) didn't have free ports for the requested pod ports") : null;
    }

    // InsufficientResourceError: reason OutOf<resource>.
    static Rejection Insufficient(string resource, long requested, long used, long capacity) => new($"OutOf{resource}",
        string.Create(CultureInfo.InvariantCulture, $"Node didn't have enough resource: {resource}, requested: {requested}, used: {used}, capacity: {capacity}"));

    // PredicateFailureError: the predicate's name is the reason.
    static Rejection Predicate(string name, string description) => new(name, $"Predicate {name} failed: {description}");
}
