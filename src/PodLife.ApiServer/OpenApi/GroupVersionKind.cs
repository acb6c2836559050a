using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>The <c>x-kubernetes-group-version-kind</c> of a schema or an operation.</summary>
sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public JsonObject ToJson() => new() { ["group"] = Group, ["kind"] = Kind, ["version"] = Version };

    public static GroupVersionKind From(KubernetesEntityAttribute entity) => new(entity.Group, entity.ApiVersion, entity.Kind);

    /// <summary>
    /// The kinds a type is served as: its own for kinds; DeleteOptions, which every group accepts, once per
    /// served group version (as kube-apiserver lists it).
    /// </summary>
    public static IReadOnlyList<GroupVersionKind> Of(Type type)
    {
        if (type == typeof(V1DeleteOptions))
        {
            return [.. ServedResource.All.Where(r => !r.ReadOnly).Select(r => r.Entity).Append(typeof(V1Eviction).GetCustomAttribute<KubernetesEntityAttribute>()!)
                .Select(e => new GroupVersionKind(e.Group, e.ApiVersion, "DeleteOptions")).Distinct()];
        }
        return type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0 } entity ? [From(entity)] : [];
    }
}
