using k8s.Models;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// Kubernetes' patch and list markers for the fields of the types PodLife serves: the one table both
/// strategic merge patch and the OpenAPI documents read. Facts from k8s.io/api core/v1 and meta/v1 types.go
/// (release 1.32); fields not listed have no markers.
/// </summary>
public static class KubernetesFieldMetadata
{
    static readonly FieldMetadata Set = new("merge", ListType: "set");

    static readonly Dictionary<(Type, string), FieldMetadata> Table = new()
    {
        [(typeof(V1ObjectMeta), "finalizers")] = Set,
        [(typeof(V1ObjectMeta), "ownerReferences")] = FieldMetadata.MapBy("uid"),
        [(typeof(V1ObjectMeta), "managedFields")] = FieldMetadata.Atomic,

        [(typeof(V1PodSpec), "volumes")] = FieldMetadata.MapBy("name", "merge,retainKeys"),
        [(typeof(V1PodSpec), "initContainers")] = FieldMetadata.MapBy("name"),
        [(typeof(V1PodSpec), "containers")] = FieldMetadata.MapBy("name"),
        [(typeof(V1PodSpec), "ephemeralContainers")] = FieldMetadata.MapBy("name"),
        [(typeof(V1PodSpec), "imagePullSecrets")] = FieldMetadata.MapBy("name"),
        [(typeof(V1PodSpec), "hostAliases")] = FieldMetadata.MapBy("ip"),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] =
            new("merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]),
        [(typeof(V1PodSpec), "schedulingGates")] = FieldMetadata.MapBy("name"),
        [(typeof(V1PodSpec), "resourceClaims")] = FieldMetadata.MapBy("name", "merge,retainKeys"),
        [(typeof(V1PodSpec), "tolerations")] = FieldMetadata.Atomic,
        [(typeof(V1PodSpec), "readinessGates")] = FieldMetadata.Atomic,

        [(typeof(V1PodStatus), "conditions")] = FieldMetadata.MapBy("type"),
        [(typeof(V1PodStatus), "podIPs")] = FieldMetadata.MapBy("ip"),
        [(typeof(V1PodStatus), "hostIPs")] = new("merge", "ip", "atomic"),
        [(typeof(V1PodStatus), "initContainerStatuses")] = FieldMetadata.Atomic,
        [(typeof(V1PodStatus), "containerStatuses")] = FieldMetadata.Atomic,
        [(typeof(V1PodStatus), "ephemeralContainerStatuses")] = FieldMetadata.Atomic,
        [(typeof(V1PodStatus), "resourceClaimStatuses")] = FieldMetadata.MapBy("name", "merge,retainKeys"),

        [(typeof(V1NodeSpec), "podCIDRs")] = Set,
        [(typeof(V1NodeSpec), "taints")] = FieldMetadata.Atomic,
        [(typeof(V1NodeStatus), "conditions")] = FieldMetadata.MapBy("type"),
        [(typeof(V1NodeStatus), "addresses")] = FieldMetadata.MapBy("type"),
        [(typeof(V1NodeStatus), "images")] = FieldMetadata.Atomic,
        [(typeof(V1NodeStatus), "volumesInUse")] = FieldMetadata.Atomic,
        [(typeof(V1NodeStatus), "volumesAttached")] = FieldMetadata.Atomic,

        [(typeof(V1NamespaceSpec), "finalizers")] = FieldMetadata.Atomic,
        [(typeof(V1NamespaceStatus), "conditions")] = FieldMetadata.MapBy("type"),
        [(typeof(V1ServiceSpec), "ports")] = new("merge", "port", "map", ["port", "protocol"]),
        [(typeof(V1ServiceSpec), "clusterIPs")] = FieldMetadata.Atomic,
        [(typeof(V1ServiceSpec), "externalIPs")] = FieldMetadata.Atomic,
        [(typeof(V1ServiceSpec), "loadBalancerSourceRanges")] = FieldMetadata.Atomic,
        [(typeof(V1ServiceSpec), "ipFamilies")] = FieldMetadata.Atomic,
        [(typeof(V1ServiceStatus), "conditions")] = FieldMetadata.MapBy("type"),
        [(typeof(V1LoadBalancerStatus), "ingress")] = FieldMetadata.Atomic,
        [(typeof(V1LoadBalancerIngress), "ports")] = FieldMetadata.Atomic,
        [(typeof(V1Endpoints), "subsets")] = FieldMetadata.Atomic,
        [(typeof(V1EndpointSubset), "addresses")] = FieldMetadata.Atomic,
        [(typeof(V1EndpointSubset), "notReadyAddresses")] = FieldMetadata.Atomic,
        [(typeof(V1EndpointSubset), "ports")] = FieldMetadata.Atomic,
        [(typeof(V1EndpointSlice), "endpoints")] = FieldMetadata.Atomic,
        [(typeof(V1EndpointSlice), "ports")] = FieldMetadata.Atomic,
        [(typeof(V1Endpoint), "addresses")] = Set,
        [(typeof(V1ServiceAccount), "secrets")] = FieldMetadata.MapBy("name"),
        [(typeof(V1ServiceAccount), "imagePullSecrets")] = FieldMetadata.Atomic,
        [(typeof(V1LabelSelector), "matchExpressions")] = FieldMetadata.Atomic,
        [(typeof(V1LabelSelectorRequirement), "values")] = FieldMetadata.Atomic,
    };

    static KubernetesFieldMetadata()
    {
        // Containers and ephemeral containers share their list fields (ContainerCommon in types.go).
        foreach (var container in new[] { typeof(V1Container), typeof(V1EphemeralContainer) })
        {
            Table[(container, "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]);
            Table[(container, "env")] = FieldMetadata.MapBy("name");
            Table[(container, "volumeMounts")] = FieldMetadata.MapBy("mountPath");
            Table[(container, "volumeDevices")] = FieldMetadata.MapBy("devicePath");
            foreach (var atomic in new[] { "command", "args", "envFrom", "resizePolicy" })
            {
                Table[(container, atomic)] = FieldMetadata.Atomic;
            }
        }
    }

    /// <summary>The markers of one field of a model type, or null when it has none.</summary>
    public static FieldMetadata? For(Type? modelType, string jsonName) =>
        modelType is not null && Table.TryGetValue((modelType, jsonName), out var metadata) ? metadata : null;
}
