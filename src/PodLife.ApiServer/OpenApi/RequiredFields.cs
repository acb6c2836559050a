using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The fields Kubernetes marks required (no <c>omitempty</c>/<c>+optional</c>) in the served types; the
/// KubernetesClient models do not carry this. Facts from k8s.io/api core/v1, coordination/v1, events/v1, scheduling/v1 types.go.
/// </summary>
static class RequiredFields
{
    static readonly Dictionary<Type, string[]> Table = new()
    {
        [typeof(V1PodSpec)] = ["containers"],
        [typeof(V1ServicePort)] = ["port"],
        [typeof(V1EndpointAddress)] = ["ip"],
        [typeof(Corev1EndpointPort)] = ["port"],
        [typeof(V1EndpointSlice)] = ["addressType", "endpoints"],
        [typeof(V1Endpoint)] = ["addresses"],
        [typeof(V1PortStatus)] = ["port", "protocol"],
        [typeof(V1Condition)] = ["type", "status", "lastTransitionTime", "reason", "message"],
        [typeof(V1Container)] = ["name"],
        [typeof(V1EphemeralContainer)] = ["name"],
        [typeof(V1ContainerPort)] = ["containerPort"],
        [typeof(V1EnvVar)] = ["name"],
        [typeof(V1VolumeMount)] = ["name", "mountPath"],
        [typeof(V1VolumeDevice)] = ["name", "devicePath"],
        [typeof(V1Volume)] = ["name"],
        [typeof(V1KeyToPath)] = ["key", "path"],
        [typeof(V1ConfigMapKeySelector)] = ["key"],
        [typeof(V1SecretKeySelector)] = ["key"],
        [typeof(V1ObjectFieldSelector)] = ["fieldPath"],
        [typeof(V1ResourceFieldSelector)] = ["resource"],
        [typeof(V1HTTPGetAction)] = ["port"],
        [typeof(V1HTTPHeader)] = ["name", "value"],
        [typeof(V1TCPSocketAction)] = ["port"],
        [typeof(V1GRPCAction)] = ["port"],
        [typeof(V1HostAlias)] = ["ip"],
        [typeof(V1Sysctl)] = ["name", "value"],
        [typeof(V1PodReadinessGate)] = ["conditionType"],
        [typeof(V1TopologySpreadConstraint)] = ["maxSkew", "topologyKey", "whenUnsatisfiable"],
        [typeof(V1PodSchedulingGate)] = ["name"],
        [typeof(V1ContainerResizePolicy)] = ["resourceName", "restartPolicy"],
        [typeof(V1PodCondition)] = ["type", "status"],
        [typeof(V1ContainerStatus)] = ["name", "ready", "restartCount", "image", "imageID"],
        [typeof(V1PodIP)] = ["ip"],
        [typeof(V1HostIP)] = ["ip"],
        [typeof(V1NodeCondition)] = ["type", "status"],
        [typeof(V1NodeAddress)] = ["type", "address"],
        [typeof(V1DaemonEndpoint)] = ["Port"],
        [typeof(V1Taint)] = ["key", "effect"],
        [typeof(V1AttachedVolume)] = ["name", "devicePath"],
        [typeof(V1NamespaceCondition)] = ["type", "status"],
        [typeof(Corev1Event)] = ["metadata", "involvedObject"],
        [typeof(Eventsv1Event)] = ["eventTime"],
        [typeof(V1Binding)] = ["target"],
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid"],
        [typeof(V1LabelSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelector)] = ["nodeSelectorTerms"],
        [typeof(V1NodeSelectorRequirement)] = ["key", "operator"],
        [typeof(V1PreferredSchedulingTerm)] = ["weight", "preference"],
        [typeof(V1WeightedPodAffinityTerm)] = ["weight", "podAffinityTerm"],
        [typeof(V1PodAffinityTerm)] = ["topologyKey"],
        [typeof(V1PodList)] = ["items"],
        [typeof(V1NodeList)] = ["items"],
        [typeof(V1NamespaceList)] = ["items"],
        [typeof(Corev1EventList)] = ["items"],
        [typeof(V1ConfigMapList)] = ["items"],
        [typeof(V1SecretList)] = ["items"],
        [typeof(V1ServiceAccountList)] = ["items"],
        [typeof(V1LeaseList)] = ["items"],
        [typeof(Eventsv1EventList)] = ["items"],
        [typeof(V1PriorityClass)] = ["value"],
        [typeof(V1PriorityClassList)] = ["items"],
    };

    /// <summary>The required JSON fields of a model type, or none.</summary>
    public static IReadOnlyList<string> Of(Type type) => Table.GetValueOrDefault(type) ?? [];
}
