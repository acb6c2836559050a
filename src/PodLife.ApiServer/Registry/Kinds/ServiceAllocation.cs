using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// What kube-apiserver's Service storage adds to a defaulted Service before the strategy validates it
/// (pkg/registry/core/service/storage: patchAllocatedValues, dropTypeDependentFields, allocateCreate/allocateUpdate):
/// the cluster IP and IP family fields, node ports, and on an update what the old object was given and the new one leaves out.
/// </summary>
public static class ServiceAllocation
{
    /// <summary>The cluster IPs and node ports other Services hold.</summary>
    public sealed record InUse(IReadOnlySet<string> ClusterIPs, IReadOnlySet<int> NodePorts);

    /// <summary>
    /// Gives <paramref name="service"/> what its type needs; <paramref name="old"/> is the stored Service on an update.
    /// Returns the errors of requested values that cannot be had (malformed, out of range, taken).
    /// </summary>
    public static IReadOnlyList<FieldError> Allocate(V1Service service, V1Service? old, InUse inUse, Random random)
    {
        var spec = service.Spec ??= new V1ServiceSpec();
        if (old?.Spec is { } before)
        {
            KeepAllocated(spec, before);
            DropTypeDependent(spec, before);
        }
        // normalizeClusterIPs: a clusterIP given alone is the list's first.
        if (ServiceDefaults.HasClusterIP(spec) && !string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is null or { Count: 0 })
            spec.ClusterIPs = [spec.ClusterIP];
        // As kube's allocator does, the address fields are checked before any is given, and answered alone.
        var errors = ServiceValidation.ClusterIPFields(spec).ToList();
        if (errors.Count > 0) return errors;
        if (ServiceDefaults.HasClusterIP(spec)) errors.AddRange(ClusterIP(spec, old?.Spec, inUse, random));
        if (ServiceDefaults.NeedsNodePorts(spec) || NeedsHealthCheckPort(spec)) errors.AddRange(NodePorts(spec, inUse, random));
        return errors;
    }

    static bool NeedsHealthCheckPort(V1ServiceSpec spec) => spec.Type == ServiceDefaults.LoadBalancer && spec.ExternalTrafficPolicy == "Local";

    // patchAllocatedValues: an update that leaves out the values the server gave (kubectl apply of the original manifest,
    // a replace of a hand-written one) keeps them.
    static void KeepAllocated(V1ServiceSpec spec, V1ServiceSpec old)
    {
        if (ServiceDefaults.HasClusterIP(old) && ServiceDefaults.HasClusterIP(spec))
        {
            if (string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is null or { Count: 0 })
            {
                spec.ClusterIP = old.ClusterIP;
                spec.ClusterIPs = old.ClusterIPs;
            }
            // normalizeClusterIPs: a clusterIP changed alone takes clusterIPs along (for validation to refuse the change).
            else if (spec.ClusterIPs is null or { Count: 0 } && spec.ClusterIP == old.ClusterIP) spec.ClusterIPs = old.ClusterIPs;
            else if (spec.ClusterIP != old.ClusterIP && SameList(spec.ClusterIPs, old.ClusterIPs) && !string.IsNullOrEmpty(spec.ClusterIP))
                spec.ClusterIPs = [spec.ClusterIP];
            spec.IpFamilyPolicy ??= old.IpFamilyPolicy;
        }
        if (ServiceDefaults.NeedsNodePorts(old) && ServiceDefaults.NeedsNodePorts(spec))
        {
            // By port name: the user may have changed the rest of the port. A node port the new ports use is not given twice.
            var used = NodePortsOf(old).Intersect(NodePortsOf(spec)).ToHashSet();
            var byName = new Dictionary<string, int>();
            foreach (var port in old.Ports ?? []) if (port is not null) byName[port.Name ?? ""] = port.NodePort ?? 0;
            foreach (var port in spec.Ports ?? [])
            {
                if (port is null || port.NodePort is > 0) continue;
                if (byName.TryGetValue(port.Name ?? "", out var nodePort) && nodePort > 0 && !used.Contains(nodePort)) port.NodePort = nodePort;
            }
        }
        if (NeedsHealthCheckPort(old) && NeedsHealthCheckPort(spec) && spec.HealthCheckNodePort is null or 0)
            spec.HealthCheckNodePort = old.HealthCheckNodePort;
    }

    static IEnumerable<int> NodePortsOf(V1ServiceSpec spec) =>
        (spec.Ports ?? []).Where(p => p?.NodePort is > 0).Select(p => p.NodePort!.Value);

    // dropTypeDependentFields: a change of type wipes what the old type needed and the new one does not, when the
    // update left it as it was (a value the user changed is theirs to answer for, in validation).
    static void DropTypeDependent(V1ServiceSpec spec, V1ServiceSpec old)
    {
        if (spec.Type == old.Type) return;
        if (!ServiceDefaults.HasClusterIP(spec))
        {
            if (spec.ClusterIP == old.ClusterIP) spec.ClusterIP = null;
            if (SameList(spec.ClusterIPs, old.ClusterIPs)) spec.ClusterIPs = null;
            if (SameList(spec.IpFamilies, old.IpFamilies)) spec.IpFamilies = null;
            if (spec.IpFamilyPolicy == old.IpFamilyPolicy) spec.IpFamilyPolicy = null;
        }
        // Node ports go only when the update added none of its own.
        if (!ServiceDefaults.NeedsNodePorts(spec) && ServiceDefaults.NeedsNodePorts(old) && NodePortsOf(spec).All(NodePortsOf(old).Contains))
        {
            foreach (var port in spec.Ports ?? []) if (port is not null) port.NodePort = null;
        }
        if (!NeedsHealthCheckPort(spec) && spec.HealthCheckNodePort == old.HealthCheckNodePort) spec.HealthCheckNodePort = null;
        if (spec.Type != ServiceDefaults.LoadBalancer)
        {
            if (spec.AllocateLoadBalancerNodePorts == old.AllocateLoadBalancerNodePorts) spec.AllocateLoadBalancerNodePorts = null;
            if (spec.LoadBalancerClass == old.LoadBalancerClass) spec.LoadBalancerClass = null;
        }
        if (!ServiceDefaults.ExternallyAccessible(spec) && spec.ExternalTrafficPolicy == old.ExternalTrafficPolicy) spec.ExternalTrafficPolicy = null;
        if (spec.Type == ServiceDefaults.ExternalName && spec.InternalTrafficPolicy == old.InternalTrafficPolicy) spec.InternalTrafficPolicy = null;
    }

    static bool SameList<T>(IList<T>? a, IList<T>? b) => (a ?? []).SequenceEqual(b ?? []);

    static IEnumerable<FieldError> ClusterIP(V1ServiceSpec spec, V1ServiceSpec? old, InUse inUse, Random random)
    {
        var requested = spec.ClusterIP ?? "";
        // initIPFamilyFields on a single-stack IPv4 cluster: SingleStack IPv4, but for a headless Service without a
        // selector, which kube makes RequireDualStack over both families even there.
        var headlessWithoutSelector = requested == ServiceDefaults.Headless && spec.Selector is null or { Count: 0 };
        spec.IpFamilyPolicy ??= headlessWithoutSelector ? "RequireDualStack" : "SingleStack";
        spec.IpFamilies ??= headlessWithoutSelector && spec.IpFamilyPolicy != "SingleStack" ? ["IPv4", "IPv6"] : ["IPv4"];
        // Addresses are given once, when the Service first needs one: a change of an address given is validation's to refuse.
        if (old is not null && ServiceDefaults.HasClusterIP(old)) yield break;
        var path = FieldPath.Root("spec", "clusterIPs");
        if (requested == ServiceDefaults.Headless) yield break;
        if (requested.Length == 0)
        {
            if (ServiceAddresses.PickClusterIP(inUse.ClusterIPs, random) is not { } picked)
            {
                yield return FieldError.Invalid(path, Array.Empty<string>(), "failed to allocate IP: range is full");
                yield break;
            }
            spec.ClusterIP = picked;
            spec.ClusterIPs = [picked];
            yield break;
        }
        // The fields were validated before (ServiceValidation.ClusterIPFields), so the address parses.
        var ip = IPText.Parse(requested);
        var shown = (spec.ClusterIPs ?? []).ToList();
        if (!ServiceAddresses.InRange(ip))
            yield return FieldError.Invalid(path, shown,
                $"failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {ServiceAddresses.Range}");
        else if (inUse.ClusterIPs.Contains(ip.ToString()))
            yield return FieldError.Invalid(path, shown, $"failed to allocate IP {requested}: provided IP is already allocated");
    }

    // The node ports of other Services are taken; this Service's own (requested, kept from before) are not.
    static IEnumerable<FieldError> NodePorts(V1ServiceSpec spec, InUse inUse, Random random)
    {
        var taken = new HashSet<int>(inUse.NodePorts);
        var mine = new HashSet<int>();
        var ports = ServiceDefaults.NeedsNodePorts(spec) ? (spec.Ports ?? []).Where(p => p is not null).ToList() : [];
        // Requested ports first, so that a random choice does not take one asked for later in the list.
        foreach (var (port, i) in ports.Select((p, i) => (p, i)))
        {
            if (port.NodePort is not { } requested || requested <= 0 || mine.Contains(requested)) continue;
            if (Unavailable(requested, taken) is { } why) yield return FieldError.Invalid(FieldPath.Root("spec", "ports").Index(i).Child("nodePort"), requested, why);
            mine.Add(requested);
        }
        taken.UnionWith(mine);
        foreach (var port in ports)
        {
            if (port.NodePort is > 0) continue;
            // Ports of one number (DNS's 53 over TCP and UDP) share one node port.
            if (ports.FirstOrDefault(p => p.Port == port.Port && p.NodePort is > 0)?.NodePort is { } shared) { port.NodePort = shared; continue; }
            if (ServiceAddresses.PickNodePort(taken, random) is not { } picked)
            {
                yield return FieldError.Invalid(FieldPath.Root("spec", "ports"), port.Port, "failed to allocate a nodePort: range is full");
                yield break;
            }
            port.NodePort = picked;
            taken.Add(picked);
        }
        if (!NeedsHealthCheckPort(spec)) yield break;
        if (spec.HealthCheckNodePort is { } health and > 0)
        {
            if (Unavailable(health, taken) is { } why) yield return FieldError.Invalid(FieldPath.Root("spec", "healthCheckNodePort"), health, why);
        }
        else if (ServiceAddresses.PickNodePort(taken, random) is { } picked)
        {
            spec.HealthCheckNodePort = picked;
        }
    }

    static string? Unavailable(int port, IReadOnlySet<int> taken) =>
        !ServiceAddresses.NodePortInRange(port) ? $"provided port is not in the valid range. The range of valid ports is {ServiceAddresses.NodePortRange}"
        : taken.Contains(port) ? "provided port is already allocated"
        : null;
}
