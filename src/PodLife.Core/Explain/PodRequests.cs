using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Explain;

/// <summary>A pod's effective request of one resource and a node's allocatable amount, as the scheduler counts them.</summary>
/// <remarks>pkg/api/v1/resource (PodRequests): the sum over regular containers and sidecars, or the largest init
/// container's request if that is more.</remarks>
internal static class PodRequests
{
    public static Quantity? Of(V1PodSpec? spec, string resource)
    {
        if (spec is null) return null;
        var sum = (spec.Containers ?? []).Concat((spec.InitContainers ?? []).Where(Lifecycle.RestartPolicies.IsSidecar))
            .Select(c => Read(c.Resources?.Requests, resource)).Where(q => q is not null)
            .Aggregate((Quantity?)null, (a, q) => a is null ? q : a.Add(q!));
        var init = (spec.InitContainers ?? []).Where(c => !Lifecycle.RestartPolicies.IsSidecar(c))
            .Select(c => Read(c.Resources?.Requests, resource)).Where(q => q is not null).Max();
        return sum is null ? init : init is not null && init.CompareTo(sum) > 0 ? init : sum;
    }

    public static Quantity? Allocatable(V1Node node, string resource) => Read(node.Status?.Allocatable, resource);

    static Quantity? Read(IDictionary<string, ResourceQuantity>? values, string resource) =>
        values is not null && values.TryGetValue(resource, out var v) && ResourceQuantities.TryRead(v, out var q) ? q : null;
}
