using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>Merges freshly generated conditions into a pod's old ones the way kubelet's status manager does.</summary>
public static class PodConditionMerge
{
    /// <summary>
    /// Conditions not owned by kubelet come first, in their old order; of the generated ones only DisruptionTarget, which
    /// kubelet shares, may replace or add one (others are ignored, as in mergePodStatus). Kubelet's own follow in kubelet's order. lastTransitionTime is kept when a condition's status did not
    /// flip and set to <paramref name="now"/> when it did or is new (status_manager.go updateLastTransitionTime).
    /// </summary>
    public static IList<V1PodCondition> Merge(IEnumerable<V1PodCondition>? previous, IEnumerable<V1PodCondition> generated, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var old = Checked(previous, nameof(previous), allowDuplicates: true);
        var fresh = Checked(generated, nameof(generated), allowDuplicates: false);
        var utcNow = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);

        // Loops over a handful of conditions, no LINQ or closures: this runs for every status a node computes.
        var result = new List<V1PodCondition>();
        foreach (var c in old)
        {
            if (PodConditionTypes.IsOwnedByKubelet(c.Type)) continue;
            var replacement = PodConditionTypes.IsSharedWithKubelet(c.Type) ? OfType(fresh, c.Type, fresh.Count) : null;
            if (OfType(result, c.Type, result.Count) is null) result.Add(replacement is null ? c : Stamp(replacement, old, utcNow));
        }
        foreach (var f in fresh)
        {
            if (PodConditionTypes.IsSharedWithKubelet(f.Type) && OfType(result, f.Type, result.Count) is null) result.Add(Stamp(f, old, utcNow));
        }
        var kubeletOrder = PodConditionTypes.KubeletOrder;
        for (var i = 0; i < kubeletOrder.Count; i++)
        {
            if (OfType(fresh, kubeletOrder[i], fresh.Count) is { } f) result.Add(Stamp(f, old, utcNow));
        }
        return result;
    }

    // lastTransitionTime kept from the first old condition of the type when its status did not flip.
    static V1PodCondition Stamp(V1PodCondition c, List<V1PodCondition> old, DateTime utcNow)
    {
        var before = OfType(old, c.Type, old.Count);
        var since = before is not null && before.Status == c.Status ? before.LastTransitionTime : utcNow;
        return c with { LastTransitionTime = since, LastProbeTime = null };
    }

    // The first of the first <paramref name="count"/> conditions with this type.
    static V1PodCondition? OfType(List<V1PodCondition> conditions, string type, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (conditions[i].Type == type) return conditions[i];
        }
        return null;
    }

    static List<V1PodCondition> Checked(IEnumerable<V1PodCondition>? conditions, string name, bool allowDuplicates)
    {
        var list = conditions is null ? [] : new List<V1PodCondition>(conditions);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null) throw new ArgumentException($"{name}[{i}] is null", name);
            if (string.IsNullOrEmpty(list[i].Type)) throw new ArgumentException($"{name}[{i}].type is empty", name);
            if (!allowDuplicates && OfType(list, list[i].Type, i) is not null)
                throw new ArgumentException($"{name} has more than one {list[i].Type} condition", name);
        }
        return list;
    }
}
