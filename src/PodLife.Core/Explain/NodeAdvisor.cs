using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains a pod on a node that stopped reporting: Ready=False on the pod, then eviction after the toleration.</summary>
/// <remarks>pkg/controller/nodelifecycle: a node whose kubelet misses the grace period gets Ready=Unknown
/// ("Kubelet stopped posting node status.") and the NoExecute taint node.kubernetes.io/unreachable (Ready=False:
/// not-ready); pods tolerating it for tolerationSeconds (300 by DefaultTolerationSeconds admission) are deleted after that.</remarks>
internal static class NodeAdvisor
{
    public static Guidance Advise(ExplainInput input)
    {
        if (NotReady(input) is not { } state) return Guidance.None;
        var name = input.Node!.Metadata?.Name;
        var next = input.Pod.Metadata?.DeletionTimestamp is not null
            ? "the pod stays Terminating until the node comes back or the Node object is deleted"
            : Eviction(input, input.Node) ?? "the pod keeps running there, unready, until the node comes back";
        return Guidance.Of(state, trouble: true)
            + Guidance.Of(next, $"check node {name} (kubectl describe node {name}); if it is gone for good, delete it (kubectl delete node {name}) so its pods are removed and recreated elsewhere by their controller");
    }

    /// <summary>"node X is not Ready (...)" when the pod's node is not Ready, else null.</summary>
    public static string? NotReady(ExplainInput input)
    {
        if (input.Node is not { } node || string.IsNullOrEmpty(input.Pod.Spec?.NodeName)) return null;
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (ready is null || ready.Status == "True") return null;
        var since = KubeTime.ToInstant(ready.LastTransitionTime);
        return $"node {node.Metadata?.Name} is not Ready (Ready={ready.Status}{(ready.Reason is null ? "" : $", {ready.Reason}")}" +
            $"{(since is null ? "" : $" for {HumanDuration.Format(input.Now - since.Value)}")}): {ready.Message}";
    }

    static string? Eviction(ExplainInput input, V1Node node)
    {
        var taint = node.Spec?.Taints?.FirstOrDefault(t => t.Effect == "NoExecute" && t.Key is "node.kubernetes.io/unreachable" or "node.kubernetes.io/not-ready");
        if (taint is null) return null;
        var toleration = input.Pod.Spec?.Tolerations?.FirstOrDefault(t => t.Effect is null or "NoExecute" && (t.Key == taint.Key || (t.Key is null && t.OperatorProperty == "Exists")));
        if (toleration is null) return $"the pod does not tolerate the taint {taint.Key}:NoExecute, so it is evicted at once";
        if (toleration.TolerationSeconds is not { } seconds || KubeTime.ToInstant(taint.TimeAdded) is not { } added)
            return $"the pod tolerates {taint.Key}:NoExecute without a time limit, so it stays bound to the node";
        var left = added + TimeSpan.FromSeconds(seconds) - input.Now;
        return left > TimeSpan.Zero
            ? $"the pod is evicted (deleted) in {HumanDuration.Format(left)}, when its {seconds}s toleration of {taint.Key} runs out"
            : $"the pod's {seconds}s toleration of {taint.Key} has run out; the taint eviction controller deletes it";
    }
}
