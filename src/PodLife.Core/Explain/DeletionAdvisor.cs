using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains a pod being deleted: SIGTERM now, SIGKILL at the end of the grace period, then removal.</summary>
/// <remarks>pkg/registry/core/pod/strategy.go sets deletionTimestamp = now + grace; kubelet stops containers (preStop,
/// SIGTERM, SIGKILL when the grace runs out), writes the terminal status and deletes the object with grace 0.</remarks>
internal static class DeletionAdvisor
{
    public static Guidance Advise(ExplainInput input)
    {
        if (KubeTime.ToInstant(input.Pod.Metadata?.DeletionTimestamp) is not { } deadline) return Guidance.None;
        var grace = input.Pod.Metadata?.DeletionGracePeriodSeconds ?? input.Pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        var left = deadline - input.Now;
        if (left > TimeSpan.Zero)
            return Guidance.Of($"containers still running get SIGKILL in {HumanDuration.Format(left)} (grace period {grace}s); once all have stopped the pod is removed");
        return Guidance.Of(
            $"the {grace}s grace period ended {HumanDuration.Format(-left)} ago but the node has not confirmed that the containers stopped",
            $"check the node; only if it is gone for good force the removal: {input.Kubectl("delete pod", "--grace-period=0 --force")}",
            trouble: true);
    }
}
