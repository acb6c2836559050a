namespace PodLife.ApiServer.Protobuf;

/// <summary>
/// Field numbers of the kinds kubectl sends as protobuf (create namespace, configmap, secret, serviceaccount, service,
/// priorityclass; drain's evictions; debug's pods) and of those typed Go clients write (kubelets' nodes, pods, leases and
/// events; kube-scheduler's bindings and events.k8s.io events), from k8s.io/api/core/v1, coordination/v1, events/v1,
/// policy/v1, scheduling/v1 and apimachinery meta/v1 generated.proto.
/// </summary>
public static class KubernetesProtoSchemas
{
    internal static ProtoMessage Message(params (int Number, ProtoField Field)[] fields) =>
        new(fields.ToDictionary(f => f.Number, f => f.Field));

    internal static ProtoField Str(string name, bool pointer = false) => new(name, ProtoKind.String, Pointer: pointer);

    internal static ProtoField Strings(string name) => new(name, ProtoKind.String, Repeated: true);

    internal static ProtoField Nested(string name, ProtoMessage message, bool repeated = false) => new(name, ProtoKind.Message, message, repeated);

    /// <summary>A message whose unknown field numbers are refused rather than skipped.</summary>
    internal static ProtoMessage Strict(params (int Number, ProtoField Field)[] fields) =>
        new(fields.ToDictionary(f => f.Number, f => f.Field), Strict: true);

    /// <summary>An integer; <paramref name="pointer"/> for Go pointers and fields without omitempty, whose zero is kept.</summary>
    internal static ProtoField Int(string name, bool pointer = false) => new(name, ProtoKind.Int, Pointer: pointer);

    internal static ProtoField Ints(string name) => new(name, ProtoKind.Int, Repeated: true);

    internal static ProtoField Bool(string name, bool pointer = false) => new(name, ProtoKind.Bool, Pointer: pointer);

    internal static ProtoField Ptr(string name, ProtoMessage message) => new(name, ProtoKind.Message, message);

    internal static ProtoField List(string name, ProtoMessage message) => new(name, ProtoKind.Message, message, Repeated: true);

    static readonly ProtoMessage ResourceList = Message((1, Str("key")), (2, new("value", ProtoKind.Quantity)));

    /// <summary>A map&lt;string, resource.Quantity&gt; (requests, limits, capacity...).</summary>
    internal static ProtoField Quantities(string name) => new(name, ProtoKind.Map, ResourceList);

    static readonly ProtoMessage OwnerReference = Message(
        (1, Str("kind")), (3, Str("name")), (4, Str("uid")), (5, Str("apiVersion")),
        (6, new("controller", ProtoKind.Bool, Pointer: true)), (7, new("blockOwnerDeletion", ProtoKind.Bool, Pointer: true)));

    static readonly ProtoMessage ManagedFieldsEntry = Message(
        (1, Str("manager")), (2, Str("operation")), (3, Str("apiVersion")), (4, new("time", ProtoKind.Time)),
        (6, Str("fieldsType")), (7, new("fieldsV1", ProtoKind.RawJson)), (8, Str("subresource")));

    internal static readonly ProtoMessage ObjectMeta = Message(
        (1, Str("name")), (2, Str("generateName")), (3, Str("namespace")), (4, Str("selfLink")), (5, Str("uid")),
        (6, Str("resourceVersion")), (7, new("generation", ProtoKind.Int)), (8, new("creationTimestamp", ProtoKind.Time)),
        (9, new("deletionTimestamp", ProtoKind.Time)), (10, new("deletionGracePeriodSeconds", ProtoKind.Int, Pointer: true)),
        (11, new("labels", ProtoKind.StringMap)), (12, new("annotations", ProtoKind.StringMap)),
        (13, Nested("ownerReferences", OwnerReference, repeated: true)), (14, Strings("finalizers")),
        (17, Nested("managedFields", ManagedFieldsEntry, repeated: true)));

    // meta/v1 LabelSelector: pod (anti-)affinity terms, topology spread constraints, claim templates.
    internal static readonly ProtoMessage LabelSelector = Strict(
        (1, new("matchLabels", ProtoKind.StringMap)),
        (2, List("matchExpressions", Strict((1, Str("key")), (2, Str("operator")), (3, Strings("values"))))));

    static readonly ProtoMessage NamespaceCondition = Message(
        (1, Str("type")), (2, Str("status")), (4, new("lastTransitionTime", ProtoKind.Time)), (5, Str("reason")), (6, Str("message")));

    static readonly ProtoMessage Namespace = Message(
        (1, Nested("metadata", ObjectMeta)),
        (2, Nested("spec", Message((1, Strings("finalizers"))))),
        (3, Nested("status", Message((1, Str("phase")), (2, Nested("conditions", NamespaceCondition, repeated: true))))));

    static readonly ProtoMessage ConfigMap = Message(
        (1, Nested("metadata", ObjectMeta)), (2, new("data", ProtoKind.StringMap)), (3, new("binaryData", ProtoKind.BytesMap)),
        (4, new("immutable", ProtoKind.Bool, Pointer: true)));

    static readonly ProtoMessage Secret = Message(
        (1, Nested("metadata", ObjectMeta)), (2, new("data", ProtoKind.BytesMap)), (3, Str("type")),
        (4, new("stringData", ProtoKind.StringMap)), (5, new("immutable", ProtoKind.Bool, Pointer: true)));

    internal static readonly ProtoMessage ObjectReference = Strict(
        (1, Str("kind")), (2, Str("namespace")), (3, Str("name")), (4, Str("uid")), (5, Str("apiVersion")),
        (6, Str("resourceVersion")), (7, Str("fieldPath")));

    static readonly ProtoMessage ServiceAccount = Message(
        (1, Nested("metadata", ObjectMeta)), (2, Nested("secrets", ObjectReference, repeated: true)),
        (3, Nested("imagePullSecrets", Message((1, Str("name"))), repeated: true)),
        (4, new("automountServiceAccountToken", ProtoKind.Bool, Pointer: true)));

    // core/v1 Service, as `kubectl create service` and `kubectl expose` post it.
    static readonly ProtoMessage ServicePort = Strict(
        (1, Str("name")), (2, Str("protocol")), (3, Int("port", pointer: true)), (4, new("targetPort", ProtoKind.IntOrString)),
        (5, Int("nodePort")), (6, Str("appProtocol", pointer: true)));

    static readonly ProtoMessage ServiceSpec = Strict(
        (1, List("ports", ServicePort)), (2, new("selector", ProtoKind.StringMap)), (3, Str("clusterIP")), (4, Str("type")),
        (5, Strings("externalIPs")), (7, Str("sessionAffinity")), (8, Str("loadBalancerIP")), (9, Strings("loadBalancerSourceRanges")),
        (10, Str("externalName")), (11, Str("externalTrafficPolicy")), (12, Int("healthCheckNodePort")),
        (13, Bool("publishNotReadyAddresses")),
        (14, Ptr("sessionAffinityConfig", Strict((1, Ptr("clientIP", Strict((1, Int("timeoutSeconds", pointer: true)))))))),
        (17, Str("ipFamilyPolicy", pointer: true)), (18, Strings("clusterIPs")), (19, Strings("ipFamilies")),
        (20, Bool("allocateLoadBalancerNodePorts", pointer: true)), (21, Str("loadBalancerClass", pointer: true)),
        (22, Str("internalTrafficPolicy", pointer: true)), (23, Str("trafficDistribution", pointer: true)));

    static readonly ProtoMessage Condition = Message(
        (1, Str("type")), (2, Str("status")), (3, Int("observedGeneration")), (4, new("lastTransitionTime", ProtoKind.Time)),
        (5, Str("reason")), (6, Str("message")));

    static readonly ProtoMessage PortStatus = Message((1, Int("port", pointer: true)), (2, Str("protocol")), (3, Str("error", pointer: true)));

    static readonly ProtoMessage LoadBalancerIngress = Message(
        (1, Str("ip")), (2, Str("hostname")), (3, Str("ipMode", pointer: true)), (4, List("ports", PortStatus)));

    static readonly ProtoMessage ServiceStatus = Message(
        (1, Nested("loadBalancer", Message((1, List("ingress", LoadBalancerIngress))))), (2, List("conditions", Condition)));

    static readonly ProtoMessage Service = Message((1, Nested("metadata", ObjectMeta)), (2, Nested("spec", ServiceSpec)), (3, Nested("status", ServiceStatus)));

    static readonly ProtoMessage DeleteOptions = Message(
        (1, new("gracePeriodSeconds", ProtoKind.Int, Pointer: true)),
        (2, Nested("preconditions", Message((1, Str("uid", pointer: true)), (2, Str("resourceVersion", pointer: true))))),
        (3, new("orphanDependents", ProtoKind.Bool, Pointer: true)), (4, Str("propagationPolicy", pointer: true)),
        (5, Strings("dryRun")));

    static readonly ProtoMessage Eviction = Message((1, Nested("metadata", ObjectMeta)), (2, Nested("deleteOptions", DeleteOptions)));

    // value has no omitempty in JSON, so even 0 is kept.
    static readonly ProtoMessage PriorityClass = Message(
        (1, Nested("metadata", ObjectMeta)), (2, new("value", ProtoKind.Int, Pointer: true)), (3, new("globalDefault", ProtoKind.Bool)),
        (4, Str("description")), (5, Str("preemptionPolicy", pointer: true)));

    internal static readonly ProtoMessage EventSource = Message((1, Str("component")), (2, Str("host")));

    static readonly ProtoMessage Event = new(new Dictionary<int, ProtoField>
    {
        [1] = Nested("metadata", ObjectMeta), [2] = Nested("involvedObject", ObjectReference), [3] = Str("reason"), [4] = Str("message"),
        [5] = Nested("source", EventSource), [6] = new("firstTimestamp", ProtoKind.Time),
        [7] = new("lastTimestamp", ProtoKind.Time), [8] = new("count", ProtoKind.Int), [9] = Str("type"),
        [10] = new("eventTime", ProtoKind.MicroTime),
        [11] = Nested("series", Message((1, new("count", ProtoKind.Int)), (2, new("lastObservedTime", ProtoKind.MicroTime)))),
        [12] = Str("action"), [13] = Nested("related", ObjectReference), [14] = Str("reportingComponent"), [15] = Str("reportingInstance"),
    }, Strict: true);

    // events.k8s.io/v1 Event (events/v1 generated.proto), as client-go's new event recorder (kube-scheduler, kubelets) writes
    // it; series.count has no omitempty.
    static readonly ProtoMessage EventsV1Event = Strict(
        (1, Nested("metadata", ObjectMeta)), (2, new("eventTime", ProtoKind.MicroTime)),
        (3, Ptr("series", Strict((1, Int("count", pointer: true)), (2, new("lastObservedTime", ProtoKind.MicroTime))))),
        (4, Str("reportingController")), (5, Str("reportingInstance")), (6, Str("action")), (7, Str("reason")),
        (8, Nested("regarding", ObjectReference)), (9, Ptr("related", ObjectReference)), (10, Str("note")), (11, Str("type")),
        (12, Ptr("deprecatedSource", EventSource)), (13, new("deprecatedFirstTimestamp", ProtoKind.Time)),
        (14, new("deprecatedLastTimestamp", ProtoKind.Time)), (15, Int("deprecatedCount")));

    // pods/binding, as kube-scheduler posts it.
    static readonly ProtoMessage Binding = Strict((1, Nested("metadata", ObjectMeta)), (2, Nested("target", ObjectReference)));

    // Every LeaseSpec field is a Go pointer, so zero values that were sent are kept (coordination/v1 generated.proto).
    static readonly ProtoMessage Lease = Message(
        (1, Nested("metadata", ObjectMeta)),
        (2, Nested("spec", new ProtoMessage(new Dictionary<int, ProtoField>
        {
            [1] = Str("holderIdentity", pointer: true), [2] = new("leaseDurationSeconds", ProtoKind.Int, Pointer: true),
            [3] = new("acquireTime", ProtoKind.MicroTime), [4] = new("renewTime", ProtoKind.MicroTime),
            [5] = new("leaseTransitions", ProtoKind.Int, Pointer: true), [6] = Str("strategy", pointer: true), [7] = Str("preferredHolder", pointer: true),
        }, Strict: true))));

    // authorization/v1 and authentication/v1 generated.proto: what `kubectl auth can-i` and `kubectl auth whoami` post. The
    // status a client may send along is skipped (the server fills it in), and so are the alpha selector attributes.
    static readonly ProtoMessage SelfSubjectAccessReview = Message(
        (1, Nested("metadata", ObjectMeta)),
        (2, Nested("spec", Strict(
            (1, Ptr("resourceAttributes", Message(
                (1, Str("namespace")), (2, Str("verb")), (3, Str("group")), (4, Str("version")), (5, Str("resource")),
                (6, Str("subresource")), (7, Str("name"))))),
            (2, Ptr("nonResourceAttributes", Strict((1, Str("path")), (2, Str("verb")))))))));

    static readonly ProtoMessage SelfSubjectRulesReview = Message((1, Nested("metadata", ObjectMeta)), (2, Nested("spec", Strict((1, Str("namespace"))))));

    static readonly ProtoMessage SelfSubjectReview = Message((1, Nested("metadata", ObjectMeta)));

    // Built on first use: the per-kind schema classes read this class's shared messages while they initialise.
    static readonly Lazy<Dictionary<(string ApiVersion, string Kind), ProtoMessage>> Kinds = new(() => new()
    {
        [("v1", "Namespace")] = Namespace,
        [("v1", "Pod")] = PodProtoSchema.Pod,
        [("v1", "Node")] = NodeProtoSchema.Node,
        [("v1", "Binding")] = Binding,
        [("events.k8s.io/v1", "Event")] = EventsV1Event,
        [("coordination.k8s.io/v1", "Lease")] = Lease,
        [("v1", "Event")] = Event,
        [("v1", "ConfigMap")] = ConfigMap,
        [("v1", "Secret")] = Secret,
        [("v1", "ServiceAccount")] = ServiceAccount,
        [("v1", "Service")] = Service,
        [("policy/v1", "Eviction")] = Eviction,
        [("scheduling.k8s.io/v1", "PriorityClass")] = PriorityClass,
        [("v1", "DeleteOptions")] = DeleteOptions,
        [("meta.k8s.io/v1", "DeleteOptions")] = DeleteOptions,
        [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = SelfSubjectAccessReview,
        [("authorization.k8s.io/v1", "SelfSubjectRulesReview")] = SelfSubjectRulesReview,
        [("authentication.k8s.io/v1", "SelfSubjectReview")] = SelfSubjectReview,
    });

    /// <summary>The schema of a kind this server decodes from protobuf, or null.</summary>
    public static ProtoMessage? For(string apiVersion, string kind) => Kinds.Value.GetValueOrDefault((apiVersion, kind));
}
