using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>The compute resources the scheduler accounts for: cpu in millicores, memory and ephemeral storage in bytes.</summary>
public readonly record struct ResourceAmounts(long MilliCpu, long Memory, long EphemeralStorage)
{
    public static readonly ResourceAmounts Zero = new(0, 0, 0);

    public bool IsZero => MilliCpu == 0 && Memory == 0 && EphemeralStorage == 0;

    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu + b.MilliCpu, a.Memory + b.Memory, a.EphemeralStorage + b.EphemeralStorage);

    public static ResourceAmounts operator -(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu - b.MilliCpu, a.Memory - b.Memory, a.EphemeralStorage - b.EphemeralStorage);

    public static ResourceAmounts Max(ResourceAmounts a, ResourceAmounts b) =>
        new(Math.Max(a.MilliCpu, b.MilliCpu), Math.Max(a.Memory, b.Memory), Math.Max(a.EphemeralStorage, b.EphemeralStorage));

    /// <summary>Reads cpu, memory and ephemeral-storage from a Kubernetes resource list; other names are ignored.</summary>
    public static ResourceAmounts From(IDictionary<string, ResourceQuantity>? list) =>
        list is null ? Zero : new(MilliValue(list, "cpu"), Value(list, "memory"), Value(list, "ephemeral-storage"));

    /// <summary>Like Quantity.MilliValue in apimachinery: rounded up to a whole millicore.</summary>
    public static long MilliValue(IDictionary<string, ResourceQuantity> list, string name) =>
        list.TryGetValue(name, out var q) && q is not null ? (long)Math.Ceiling(q.ToDecimal() * 1000m) : 0;

    /// <summary>Like Quantity.Value in apimachinery: rounded up to a whole unit.</summary>
    public static long Value(IDictionary<string, ResourceQuantity> list, string name) =>
        list.TryGetValue(name, out var q) && q is not null ? (long)Math.Ceiling(q.ToDecimal()) : 0;
}
