using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>A pod's QoS class from its containers' cpu and memory (pkg/apis/core/helper/qos ComputePodQOS).</summary>
public static class PodQos
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";

    static readonly string[] ComputeResources = ["cpu", "memory"];

    /// <summary>Call it on the defaulted spec: requests copied from limits count.</summary>
    public static string Compute(V1PodSpec? spec)
    {
        var requests = new Dictionary<string, Quantity>();
        var limits = new Dictionary<string, Quantity>();
        var guaranteed = true;
        var containers = (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []);
        foreach (var resources in containers.Select(c => c?.Resources))
        {
            Sum(resources?.Requests, requests);
            var limitsFound = Sum(resources?.Limits, limits);
            // Every container needs both cpu and memory limits to be Guaranteed.
            if (!ComputeResources.All(limitsFound.Contains)) guaranteed = false;
        }
        if (requests.Count == 0 && limits.Count == 0) return BestEffort;
        guaranteed = guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit.CompareTo(r.Value) == 0);
        return guaranteed && requests.Count == limits.Count ? Guaranteed : Burstable;
    }

    // Adds the positive cpu/memory quantities into the totals; returns the names found.
    static HashSet<string> Sum(IDictionary<string, ResourceQuantity>? list, Dictionary<string, Quantity> totals)
    {
        var found = new HashSet<string>();
        foreach (var (name, value) in list ?? new Dictionary<string, ResourceQuantity>())
        {
            if (!ComputeResources.Contains(name) || !ResourceQuantities.TryRead(value, out var quantity) || quantity.Sign <= 0) continue;
            found.Add(name);
            totals[name] = totals.TryGetValue(name, out var sum) ? sum.Add(quantity) : quantity;
        }
        return found;
    }
}
