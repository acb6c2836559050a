using k8s.Models;

namespace PodLife.Scheduler.Model;

/// <summary>
/// Field-by-field equality of the model parts the scheduler's update hints compare, without serializing anything:
/// these run on every node heartbeat and pod status update. A null and an empty collection are equal, as in the JSON.
/// String maps are compared by <see cref="PodLife.Core.Client.StringMaps"/>.
/// </summary>
public static class ModelEquality
{
    public static bool Quantities(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !Quantity(value, other)) return false;
        return true;
    }

    // The canonical form, as the quantity would be written on the wire.
    static bool Quantity(ResourceQuantity? a, ResourceQuantity? b) => ReferenceEquals(a, b) || a?.ToString() == b?.ToString();

    public static bool Taints(IList<V1Taint>? a, IList<V1Taint>? b) =>
        Lists(a, b, (x, y) => x.Key == y.Key && x.Value == y.Value && x.Effect == y.Effect && x.TimeAdded == y.TimeAdded);

    public static bool Tolerations(IList<V1Toleration>? a, IList<V1Toleration>? b) =>
        Lists(a, b, (x, y) => x.Key == y.Key && x.OperatorProperty == y.OperatorProperty && x.Value == y.Value
            && x.Effect == y.Effect && x.TolerationSeconds == y.TolerationSeconds);

    /// <summary>Same length and pairwise equal in order (lists in the API are ordered).</summary>
    public static bool Lists<T>(IList<T>? a, IList<T>? b, Func<T, T, bool> same)
    {
        if (ReferenceEquals(a, b)) return true;
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x is null || y is null ? !(x is null && y is null) : !same(x, y)) return false;
        }
        return true;
    }
}
