using System.Reflection;
using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>One resource PodLife serves, as its OpenAPI documents describe it.</summary>
/// <param name="Kind">The model type of one object (e.g. <c>V1Pod</c>).</param>
/// <param name="List">The model type of its list (e.g. <c>V1PodList</c>).</param>
/// <param name="Plural">The resource name in URLs (e.g. <c>pods</c>).</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="ReadOnly">Served for get, list and watch only (podtimelines).</param>
sealed record ServedResource(Type Kind, Type? List, string Plural, bool Namespaced, bool ReadOnly = false)
{
    public KubernetesEntityAttribute Entity => Kind.GetCustomAttribute<KubernetesEntityAttribute>()
        ?? throw new InvalidOperationException($"{Kind.Name} is not a Kubernetes kind");

    /// <summary>The OpenAPI v3 document path of its group version: <c>api/v1</c> or <c>apis/events.k8s.io/v1</c>.</summary>
    public string GroupVersionPath => Entity.Group.Length == 0 ? $"api/{Entity.ApiVersion}" : $"apis/{Entity.Group}/{Entity.ApiVersion}";

    /// <summary>The resources of issue 5, core group first so that shared types are named after it.</summary>
    public static readonly IReadOnlyList<ServedResource> All =
    [
        new(typeof(V1Pod), typeof(V1PodList), "pods", true),
        new(typeof(V1Node), typeof(V1NodeList), "nodes", false),
        new(typeof(V1Namespace), typeof(V1NamespaceList), "namespaces", false),
        new(typeof(Corev1Event), typeof(Corev1EventList), "events", true),
        new(typeof(V1ConfigMap), typeof(V1ConfigMapList), "configmaps", true),
        new(typeof(V1Secret), typeof(V1SecretList), "secrets", true),
        new(typeof(V1Service), typeof(V1ServiceList), "services", true),
        new(typeof(V1Endpoints), typeof(V1EndpointsList), "endpoints", true),
        new(typeof(V1ServiceAccount), typeof(V1ServiceAccountList), "serviceaccounts", true),
        new(typeof(V1Lease), typeof(V1LeaseList), "leases", true),
        new(typeof(Eventsv1Event), typeof(Eventsv1EventList), "events", true),
        new(typeof(V1EndpointSlice), typeof(V1EndpointSliceList), "endpointslices", true),
        new(typeof(V1PriorityClass), typeof(V1PriorityClassList), "priorityclasses", false),
        new(History.PodTimelineSchema.Kind, History.PodTimelineSchema.List, "podtimelines", true, ReadOnly: true),
    ];

    /// <summary>Kinds served only as subresources of pods (pods/binding, pods/eviction) or as answers.</summary>
    public static readonly IReadOnlyList<Type> SubresourceKinds = [typeof(V1Binding), typeof(V1Eviction), typeof(V1Status)];
}
