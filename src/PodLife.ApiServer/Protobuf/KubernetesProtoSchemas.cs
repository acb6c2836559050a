namespace PodLife.ApiServer.Protobuf;

/// <summary>
/// Field numbers of the kinds kubectl sends as protobuf (create namespace, configmap, secret, serviceaccount,
/// priorityclass; drain's evictions; debug's pods) and of the leases and events node agents write, from k8s.io/api/core/v1,
/// coordination/v1, policy/v1, scheduling/v1 and apimachinery meta/v1 generated.proto.
/// </summary>
public static class KubernetesProtoSchemas
{
    internal static ProtoMessage Message(params (int Number, ProtoField Field)[] fields) =>
        new(fields.ToDictionary(f => f.Number, f => f.Field));

    internal static ProtoField Str(string name, bool pointer = false) => new(name, ProtoKind.String, Pointer: pointer);

    internal static ProtoField Strings(string name) => new(name, ProtoKind.String, Repeated: true);

    internal static ProtoField Nested(string name, ProtoMessage message, bool repeated = false) => new(name, ProtoKind.Message, message, repeated);

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

    static readonly ProtoMessage ObjectReference = Message(
        (1, Str("kind")), (2, Str("namespace")), (3, Str("name")), (4, Str("uid")), (5, Str("apiVersion")),
        (6, Str("resourceVersion")), (7, Str("fieldPath")));

    static readonly ProtoMessage ServiceAccount = Message(
        (1, Nested("metadata", ObjectMeta)), (2, Nested("secrets", ObjectReference, repeated: true)),
        (3, Nested("imagePullSecrets", Message((1, Str("name"))), repeated: true)),
        (4, new("automountServiceAccountToken", ProtoKind.Bool, Pointer: true)));

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

    static readonly ProtoMessage Event = new(new Dictionary<int, ProtoField>
    {
        [1] = Nested("metadata", ObjectMeta), [2] = Nested("involvedObject", ObjectReference), [3] = Str("reason"), [4] = Str("message"),
        [5] = Nested("source", Message((1, Str("component")), (2, Str("host")))), [6] = new("firstTimestamp", ProtoKind.Time),
        [7] = new("lastTimestamp", ProtoKind.Time), [8] = new("count", ProtoKind.Int), [9] = Str("type"),
        [10] = new("eventTime", ProtoKind.MicroTime),
        [11] = Nested("series", Message((1, new("count", ProtoKind.Int)), (2, new("lastObservedTime", ProtoKind.MicroTime)))),
        [12] = Str("action"), [13] = Nested("related", ObjectReference), [14] = Str("reportingComponent"), [15] = Str("reportingInstance"),
    }, Strict: true);

    // Every LeaseSpec field is a Go pointer, so zero values that were sent are kept (coordination/v1 generated.proto).
    static readonly ProtoMessage Lease = Message(
        (1, Nested("metadata", ObjectMeta)),
        (2, Nested("spec", new ProtoMessage(new Dictionary<int, ProtoField>
        {
            [1] = Str("holderIdentity", pointer: true), [2] = new("leaseDurationSeconds", ProtoKind.Int, Pointer: true),
            [3] = new("acquireTime", ProtoKind.MicroTime), [4] = new("renewTime", ProtoKind.MicroTime),
            [5] = new("leaseTransitions", ProtoKind.Int, Pointer: true), [6] = Str("strategy", pointer: true), [7] = Str("preferredHolder", pointer: true),
        }, Strict: true))));

    static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds = new()
    {
        [("v1", "Namespace")] = Namespace,
        [("v1", "Pod")] = PodProtoSchema.Pod,
        [("coordination.k8s.io/v1", "Lease")] = Lease,
        [("v1", "Event")] = Event,
        [("v1", "ConfigMap")] = ConfigMap,
        [("v1", "Secret")] = Secret,
        [("v1", "ServiceAccount")] = ServiceAccount,
        [("policy/v1", "Eviction")] = Eviction,
        [("scheduling.k8s.io/v1", "PriorityClass")] = PriorityClass,
        [("v1", "DeleteOptions")] = DeleteOptions,
        [("meta.k8s.io/v1", "DeleteOptions")] = DeleteOptions,
    };

    /// <summary>The schema of a kind this server decodes from protobuf, or null.</summary>
    public static ProtoMessage? For(string apiVersion, string kind) => Kinds.GetValueOrDefault((apiVersion, kind));
}
