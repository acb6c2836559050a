using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>Computes the `kubectl get nodes` columns as kube-apiserver's printNode does.</summary>
/// <remarks>pkg/printers/internalversion/printers.go printNode, findNodeRoles, getNodeInternalIP/ExternalIP.</remarks>
public static class NodeColumns
{
    const string RolePrefix = "node-role.kubernetes.io/";
    const string RoleLabel = "kubernetes.io/role";

    public static NodeRow From(V1Node node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var info = node.Status?.NodeInfo;
        var roles = string.Join(",", Roles(node.Metadata?.Labels));
        return new NodeRow(
            Name: node.Metadata?.Name ?? "",
            Status: Status(node),
            Roles: roles.Length == 0 ? "<none>" : roles,
            Age: KubeTime.Since(node.Metadata?.CreationTimestamp, now),
            Version: info?.KubeletVersion ?? "",
            InternalIp: Address(node, "InternalIP"),
            ExternalIp: Address(node, "ExternalIP"),
            OsImage: OrUnknown(info?.OsImage),
            KernelVersion: OrUnknown(info?.KernelVersion),
            ContainerRuntime: OrUnknown(info?.ContainerRuntimeVersion));
    }

    // Only the Ready condition counts: "Ready" when True, "NotReady" otherwise (also Unknown), "Unknown" when absent.
    static string Status(V1Node node)
    {
        // With duplicate Ready conditions the last one wins, as the map kubectl builds keeps the last.
        var ready = node.Status?.Conditions?.LastOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec?.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    static IEnumerable<string> Roles(IDictionary<string, string>? labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
                roles.Add(key[RolePrefix.Length..]);
            else if (key == RoleLabel && !string.IsNullOrEmpty(value))
                roles.Add(value);
        }
        return roles;
    }

    static string Address(V1Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
