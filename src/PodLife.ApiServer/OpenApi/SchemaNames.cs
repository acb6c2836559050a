using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// Names k8s.Models types as Kubernetes' OpenAPI documents do: <c>V1Pod</c> is <c>io.k8s.api.core.v1.Pod</c>,
/// <c>V1ObjectMeta</c> is <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>.
/// </summary>
static partial class SchemaNames
{
    public const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Time = Meta + "Time";
    public const string MicroTime = Meta + "MicroTime";
    public const string FieldsV1 = Meta + "FieldsV1";
    public const string Patch = Meta + "Patch";

    // The meta/v1 types of apimachinery; every other type belongs to the API group of the kind that uses it.
    static readonly HashSet<string> MetaTypes =
    [
        "ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector", "LabelSelectorRequirement",
        "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "Condition", "WatchEvent",
        "APIResource", "APIResourceList", "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery",
        "ServerAddressByClientCIDR",
    ];

    /// <summary>The short name: <c>V1Pod</c> → <c>Pod</c>, <c>Corev1Event</c> → <c>Event</c>.</summary>
    public static string ShortName(Type type) => VersionPrefix().Replace(type.Name, "");

    /// <summary>The full definition name of a model type used by a kind of <paramref name="package"/> (e.g. <c>io.k8s.api.core.v1</c>).</summary>
    public static string Of(Type type, string package)
    {
        var shortName = ShortName(type);
        return MetaTypes.Contains(shortName) ? Meta + shortName
            : type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0 } entity ? PackageOf(entity) + "." + shortName
            : package + "." + shortName;
    }

    /// <summary>
    /// The Go package of a kind's API group: "" → io.k8s.api.core.v1, events.k8s.io → io.k8s.api.events.v1; a group outside
    /// k8s.io is named in reverse domain order as kube-apiserver names custom resources (podlife.dev → dev.podlife.v1).
    /// </summary>
    public static string PackageOf(KubernetesEntityAttribute entity) =>
        entity.Group.Contains('.') && !entity.Group.EndsWith(".k8s.io", StringComparison.Ordinal)
            ? $"{string.Join('.', entity.Group.Split('.').Reverse())}.{entity.ApiVersion}"
            : $"io.k8s.api.{(entity.Group.Length == 0 ? "core" : entity.Group.Split('.')[0])}.{entity.ApiVersion}";

    [GeneratedRegex("^(V[0-9]+((alpha|beta)[0-9]+)?|[A-Z][a-z]+v[0-9]+((alpha|beta)[0-9]+)?)(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
