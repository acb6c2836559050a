using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The pod phase exactly as kubelet's getPhase computes it, and the rule that terminal phases stick.</summary>
public static class PodPhase
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>Only seen on objects written by very old kubelets; <see cref="From(V1PodSpec, IEnumerable{V1ContainerStatus}?, IEnumerable{V1ContainerStatus}?, PodPhaseFacts)"/> never returns it.</summary>
    public const string Unknown = "Unknown";

    public static bool IsTerminal(string? phase) => phase is Succeeded or Failed;

    /// <summary>The phase of a pod with this spec and these init and regular container statuses.</summary>
    public static string From(V1PodSpec spec, IEnumerable<V1ContainerStatus>? initStatuses,
        IEnumerable<V1ContainerStatus>? statuses, PodPhaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        var policy = RestartPolicies.Of(spec);
        var t = ContainerTally.Count(spec, initStatuses, statuses);

        // Before 1.34's per-container restart rules, only Never makes a failed init container fatal.
        if (t.FailedInit > 0 && policy == RestartPolicies.Never) return Failed;

        // A restarting sidecar does not send an initialized pod back to Pending.
        if (t.PendingInit > 0 || (t.PendingSidecars > 0 && !facts.PodHasInitialized) || t.Waiting > 0) return Pending;
        if (t.Running > 0 && t.Unknown == 0) return Running;
        if (t.Running == 0 && t.Stopped > 0 && t.Unknown == 0) return AllStopped(t, policy, facts);
        return Pending;
    }

    /// <summary>The phase of a pod from its own spec and status.</summary>
    public static string From(V1Pod pod, PodPhaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec is null) throw new ArgumentException("pod has no spec", nameof(pod));
        return From(pod.Spec, pod.Status?.InitContainerStatuses, pod.Status?.ContainerStatuses, facts);
    }

    /// <summary>Pods never leave a terminal phase: kubelet forces the previous terminal phase back.</summary>
    public static string KeepTerminal(string? previous, string computed)
    {
        ArgumentException.ThrowIfNullOrEmpty(computed);
        return IsTerminal(previous) ? previous! : computed;
    }

    static string AllStopped(ContainerTally t, string policy, PodPhaseFacts facts)
    {
        var allSucceeded = t.Stopped == t.Succeeded;

        // A pod being torn down will not restart anything, whatever its policy says.
        if (facts.PodIsTerminal && !facts.IsStaticPod) return allSucceeded ? Succeeded : Failed;
        return policy switch
        {
            RestartPolicies.Always => Running,      // every container is on its way back up
            _ when allSucceeded => Succeeded,
            RestartPolicies.Never => Failed,
            _ => Running,                           // OnFailure restarts the failed ones
        };
    }
}
