using PodLife.Core.Scheduling;

namespace PodLife.Core.Explain;

/// <summary>Explains a pod its node refused to run (kubelet admission: OutOfcpu, NodeAffinity, TaintToleration, …).</summary>
/// <remarks>kubelet's rejectPod fails the pod before any container exists; it happens to a pod bound without the
/// scheduler's checks, by spec.nodeName, or when the node changed between scheduling and admission.</remarks>
internal static class AdmissionAdvisor
{
    /// <summary>True when the pod failed because its node refused it.</summary>
    public static bool Rejected(ExplainInput input) => KubeletAdmission.WasRejected(input.Pod);

    public static Guidance Advise(ExplainInput input)
    {
        if (!Rejected(input)) return Guidance.None;
        var node = input.Pod.Spec?.NodeName;
        return Guidance.Of(
            action: $"node {node} refused the pod ({input.Pod.Status!.Reason}) before starting it: spec.nodeName skips the scheduler's checks; " +
                    "create the pod again without spec.nodeName (a nodeSelector picks nodes instead) so the scheduler finds a node that fits, or ask for what the node has",
            trouble: true);
    }
}
