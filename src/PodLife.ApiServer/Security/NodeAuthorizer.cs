using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Security;

/// <summary>
/// What a node identity may do (after kube's Node authorizer and NodeRestriction admission): read everything,
/// write events, its own Node and its own Lease, and the status of (and deletion of) pods bound to it.
/// </summary>
public static class NodeAuthorizer
{
    /// <summary>Null when allowed, else the reason it is not. <paramref name="target"/> is the stored object or the created one.</summary>
    public static string? Deny(string nodeName, RequestInfo info, JsonObject? target)
    {
        // The node authorizer gives nodes no proxy (system:node has no pods/proxy or services/proxy).
        if (info.Subresource == "proxy") return $"node '{nodeName}' may not {info.Verb} {Resource(info)}";
        if (info.Verb is "get" or "list" or "watch") return null;
        return (info.Resource, info.Subresource) switch
        {
            ("events", "") when info.Verb is "create" or "update" or "patch" => null,
            ("nodes", "" or "status") when info.Verb is not "deletecollection" && NameOf(info, target) == nodeName => null,
            ("nodes", _) => $"node '{nodeName}' cannot modify node '{NameOf(info, target)}'",
            ("leases", "") when info.Group == "coordination.k8s.io" && info.Namespace == "kube-node-lease" && NameOf(info, target) == nodeName => null,
            ("leases", _) => $"can only access node lease with the same name as the requesting node",
            ("pods", "status") when info.Verb is "update" or "patch" => BoundHere(nodeName, target, "update pod status"),
            ("pods", "") when info.Verb is "delete" => BoundHere(nodeName, target, "delete pod"),
            _ => $"node '{nodeName}' may not {info.Verb} {Resource(info)}",
        };
    }

    static string NameOf(RequestInfo info, JsonObject? target) => info.Name.Length > 0 ? info.Name : target?.Name() ?? "";

    static string? BoundHere(string nodeName, JsonObject? pod, string what)
    {
        var boundTo = pod?.At("spec.nodeName") ?? "";
        return boundTo == nodeName ? null : $"node '{nodeName}' cannot {what} of a pod bound to node '{boundTo}'";
    }

    static string Resource(RequestInfo info) => info.Subresource.Length > 0 ? $"{info.Resource}/{info.Subresource}" : info.Resource;

    public static StatusException Forbidden(UserInfo user, RequestInfo info, string why)
    {
        var ns = info.Namespace.Length > 0 ? $" in the namespace \"{info.Namespace}\"" : "";
        var message = $"User \"{user.Name}\" cannot {info.Verb} resource \"{Resource(info)}\" in API group \"{info.Group}\"{ns}: {why}";
        return info.Name.Length > 0
            ? Errors.Forbidden(info.Group, info.Resource, info.Name, message)
            : new StatusException(403, "Forbidden", $"{Errors.Qualified(info.Group, info.Resource)} is forbidden: {message}",
                new JsonObject { ["kind"] = info.Resource });
    }
}
