using static PodLife.ApiServer.Protobuf.KubernetesProtoSchemas;

namespace PodLife.ApiServer.Protobuf;

// Nodes as a kubelet registers them (create, then update of the node and of nodes/status), field numbers from
// k8s.io/api/core/v1 generated.proto. Strict like pods: a field added to Kubernetes after this table is a 400, never
// dropped. NodeSystemInfo's strings, DaemonEndpoint's Port and a runtime handler's name (empty for the default handler)
// have no omitempty, so their zero values are kept.
/// <summary>The protobuf schema of v1 Node (spec and status), for <see cref="KubernetesProtoSchemas"/>.</summary>
static class NodeProtoSchema
{
    static readonly ProtoMessage NodeConfigSource = Strict((2, Ptr("configMap", Strict(
        (1, Str("namespace")), (2, Str("name")), (3, Str("uid")), (4, Str("resourceVersion")), (5, Str("kubeletConfigKey"))))));

    static readonly ProtoMessage NodeSpec = Strict(
        (1, Str("podCIDR")), (7, Strings("podCIDRs")), (3, Str("providerID")), (4, Bool("unschedulable")),
        (5, List("taints", Strict((1, Str("key")), (2, Str("value")), (3, Str("effect")), (4, new("timeAdded", ProtoKind.Time))))),
        (6, Ptr("configSource", NodeConfigSource)), (2, Str("externalID")));

    static readonly ProtoMessage NodeCondition = Strict(
        (1, Str("type")), (2, Str("status")), (3, new("lastHeartbeatTime", ProtoKind.Time)), (4, new("lastTransitionTime", ProtoKind.Time)),
        (5, Str("reason")), (6, Str("message")));

    static readonly ProtoMessage NodeSystemInfo = Strict(
        (1, Str("machineID", pointer: true)), (2, Str("systemUUID", pointer: true)), (3, Str("bootID", pointer: true)),
        (4, Str("kernelVersion", pointer: true)), (5, Str("osImage", pointer: true)), (6, Str("containerRuntimeVersion", pointer: true)),
        (7, Str("kubeletVersion", pointer: true)), (8, Str("kubeProxyVersion", pointer: true)), (9, Str("operatingSystem", pointer: true)),
        (10, Str("architecture", pointer: true)), (11, Ptr("swap", Strict((1, Int("capacity", pointer: true))))));

    static readonly ProtoMessage NodeStatus = Strict(
        (1, Quantities("capacity")), (2, Quantities("allocatable")), (3, Str("phase")), (4, List("conditions", NodeCondition)),
        (5, List("addresses", Strict((1, Str("type")), (2, Str("address"))))),
        (6, Nested("daemonEndpoints", Strict((1, Nested("kubeletEndpoint", Strict((1, Int("Port", pointer: true)))))))),
        (7, Nested("nodeInfo", NodeSystemInfo)), (8, List("images", Strict((1, Strings("names")), (2, Int("sizeBytes"))))),
        (9, Strings("volumesInUse")), (10, List("volumesAttached", Strict((1, Str("name")), (2, Str("devicePath"))))),
        (11, Ptr("config", Strict(
            (1, Ptr("assigned", NodeConfigSource)), (2, Ptr("active", NodeConfigSource)), (3, Ptr("lastKnownGood", NodeConfigSource)),
            (4, Str("error"))))),
        (12, List("runtimeHandlers", Strict((1, Str("name", pointer: true)),
            (2, Ptr("features", Strict((1, Bool("recursiveReadOnlyMounts", pointer: true)), (2, Bool("userNamespaces", pointer: true)))))))),
        (13, Ptr("features", Strict((1, Bool("supplementalGroupsPolicy", pointer: true)), (2, Bool("containerUlimits", pointer: true))))),
        (14, Strings("declaredFeatures")));

    public static readonly ProtoMessage Node = Strict((1, Nested("metadata", ObjectMeta)), (2, Nested("spec", NodeSpec)), (3, Nested("status", NodeStatus)));
}
