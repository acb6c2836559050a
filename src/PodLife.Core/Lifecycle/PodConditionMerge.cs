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

        V1PodCondition Stamp(V1PodCondition c)
        {
            var before = old.FirstOrDefault(o => o.Type == c.Type);
            var since = before is not null && before.Status == c.Status ? before.LastTransitionTime : utcNow;
            return c with { LastTransitionTime = since, LastProbeTime = null };
        }

        var result = new List<V1PodCondition>();
        foreach (var c in old.Where(c => !PodConditionTypes.IsOwnedByKubelet(c.Type)))
        {
            var replacement = fresh.FirstOrDefault(f => f.Type == c.Type && PodConditionTypes.IsSharedWithKubelet(f.Type));
            if (result.All(r => r.Type != c.Type)) result.Add(replacement is null ? c : Stamp(replacement));
        }
        result.AddRange(fresh.Where(f => PodConditionTypes.IsSharedWithKubelet(f.Type) && result.All(r => r.Type != f.Type)).Select(Stamp));
        result.AddRange(PodConditionTypes.KubeletOrder
            .Select(type => fresh.FirstOrDefault(f => f.Type == type))
            .OfType<V1PodCondition>()
            .Select(Stamp));
        return result;
    }

    static List<V1PodCondition> Checked(IEnumerable<V1PodCondition>? conditions, string name, bool allowDuplicates)
    {
        var list = (conditions ?? []).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null) throw new ArgumentException($"{name}[{i}] is null", name);
            if (string.IsNullOrEmpty(list[i].Type)) throw new ArgumentException($"{name}[{i}].type is empty", name);
            if (!allowDuplicates && list.Take(i).Any(c => c.Type == list[i].Type))
                throw new ArgumentException($"{name} has more than one {list[i].Type} condition", name);
        }
        return list;
    }
}
