using k8s.Models;

namespace PodLife.Scheduler.Model;

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

    public static bool IsTolerated(V1Taint taint, IEnumerable<V1Toleration>? tolerations) =>
        tolerations?.Any(t => Tolerates(t, taint)) == true;

    /// <summary>The first taint (in node order) with one of the given effects that no toleration tolerates, or null.</summary>
    public static V1Taint? FirstUntolerated(IEnumerable<V1Taint>? taints, IList<V1Toleration>? tolerations, params string[] effects)
    {
        foreach (var taint in taints ?? [])
        {
            if (effects.Contains(taint.Effect) && !IsTolerated(taint, tolerations))
                return taint;
        }
        return null;
    }
}
