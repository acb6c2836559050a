using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>Taint and toleration matching as in Kubernetes (k8s.io/api/core/v1 Toleration.ToleratesTaint, FindMatchingUntoleratedTaint).</summary>
public static class Taints
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    public const string OutOfService = "node.kubernetes.io/out-of-service";

    /// <summary>An empty effect or key in the toleration matches any; operator Exists ignores the value, Equal (or empty) compares it.</summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
            return false;
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
            return false;
        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    // The matching below runs for every node of every scheduling cycle: loops, no closures or params arrays.
    public static bool IsTolerated(V1Taint taint, IEnumerable<V1Toleration>? tolerations)
    {
        if (tolerations is null) return false;
        if (tolerations is IList<V1Toleration> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (Tolerates(list[i], taint)) return true;
            }
            return false;
        }
        foreach (var t in tolerations)
        {
            if (Tolerates(t, taint)) return true;
        }
        return false;
    }

    /// <summary>The first taint (in node order) with one of the given effects that no toleration tolerates, or null.</summary>
    public static V1Taint? FirstUntolerated(IList<V1Taint>? taints, IList<V1Toleration>? tolerations, params ReadOnlySpan<string> effects)
    {
        if (taints is null) return null;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (effects.Contains(taint.Effect) && !IsTolerated(taint, tolerations))
                return taint;
        }
        return null;
    }
}
