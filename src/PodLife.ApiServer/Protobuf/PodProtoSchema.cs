using static PodLife.ApiServer.Protobuf.KubernetesProtoSchemas;

namespace PodLife.ApiServer.Protobuf;

// Pods as typed Go clients send them (kubectl debug node/NAME and kubectl debug POD --copy-to, kubelets, controllers),
// field numbers from k8s.io/api/core/v1 generated.proto. Every pod message is strict: a field this table lacks (pod
// affinity, most volume sources, resource claims) is a 400, never silently dropped.
/// <summary>The protobuf schema of v1 Pod (spec and status), for <see cref="KubernetesProtoSchemas"/>.</summary>
static class PodProtoSchema
{
    static ProtoMessage Strict(params (int Number, ProtoField Field)[] fields) =>
        new(fields.ToDictionary(f => f.Number, f => f.Field), Strict: true);

    static ProtoField Int(string name, bool pointer = false) => new(name, ProtoKind.Int, Pointer: pointer);

    static ProtoField Bool(string name, bool pointer = false) => new(name, ProtoKind.Bool, Pointer: pointer);

    static ProtoField Ptr(string name, ProtoMessage message) => new(name, ProtoKind.Message, message);

    static ProtoField List(string name, ProtoMessage message) => new(name, ProtoKind.Message, message, Repeated: true);

    static ProtoField Quantities(string name) => new(name, ProtoKind.Map, QuantityEntry);

    static readonly ProtoMessage QuantityEntry = Message((1, Str("key")), (2, new("value", ProtoKind.Quantity)));

    static readonly ProtoMessage LocalObjectReference = Strict((1, Str("name")));

    static readonly ProtoField LocalObjectReferenceInline = new("localObjectReference", ProtoKind.Inline, LocalObjectReference);

    static readonly ProtoMessage KeySelector = Strict((1, LocalObjectReferenceInline), (2, Str("key")), (3, Bool("optional", pointer: true)));

    static readonly ProtoMessage ResourceFieldSelector = Strict(
        (1, Str("containerName")), (2, Str("resource")), (3, new("divisor", ProtoKind.Quantity)));

    static readonly ProtoMessage ObjectFieldSelector = Strict((1, Str("apiVersion")), (2, Str("fieldPath")));

    static readonly ProtoMessage EnvVarSource = Strict(
        (1, Ptr("fieldRef", ObjectFieldSelector)), (2, Ptr("resourceFieldRef", ResourceFieldSelector)),
        (3, Ptr("configMapKeyRef", KeySelector)), (4, Ptr("secretKeyRef", KeySelector)));

    static readonly ProtoMessage EnvVar = Strict((1, Str("name")), (2, Str("value")), (3, Ptr("valueFrom", EnvVarSource)));

    static readonly ProtoMessage EnvSource = Strict((1, LocalObjectReferenceInline), (2, Bool("optional", pointer: true)));

    static readonly ProtoMessage EnvFromSource = Strict((1, Str("prefix")), (2, Ptr("configMapRef", EnvSource)), (3, Ptr("secretRef", EnvSource)));

    static readonly ProtoMessage ContainerPort = Strict(
        (1, Str("name")), (2, Int("hostPort")), (3, Int("containerPort", pointer: true)), (4, Str("protocol")), (5, Str("hostIP")));

    static readonly ProtoMessage ResourceRequirements = Strict((1, Quantities("limits")), (2, Quantities("requests")));

    static readonly ProtoMessage VolumeMount = Strict(
        (1, Str("name")), (2, Bool("readOnly")), (3, Str("mountPath")), (4, Str("subPath")), (5, Str("mountPropagation", pointer: true)),
        (6, Str("subPathExpr")), (7, Str("recursiveReadOnly", pointer: true)));

    static readonly ProtoMessage ExecAction = Strict((1, Strings("command")));

    static readonly ProtoMessage HttpGetAction = Strict(
        (1, Str("path")), (2, new("port", ProtoKind.IntOrString)), (3, Str("host")), (4, Str("scheme")),
        (5, List("httpHeaders", Strict((1, Str("name")), (2, Str("value"))))));

    static readonly ProtoMessage TcpSocketAction = Strict((1, new("port", ProtoKind.IntOrString)), (2, Str("host")));

    static readonly ProtoMessage ProbeHandler = Strict(
        (1, Ptr("exec", ExecAction)), (2, Ptr("httpGet", HttpGetAction)), (3, Ptr("tcpSocket", TcpSocketAction)),
        (4, Ptr("grpc", Strict((1, Int("port")), (2, Str("service", pointer: true))))));

    static readonly ProtoMessage Probe = Strict(
        (1, new("handler", ProtoKind.Inline, ProbeHandler)), (2, Int("initialDelaySeconds")), (3, Int("timeoutSeconds")),
        (4, Int("periodSeconds")), (5, Int("successThreshold")), (6, Int("failureThreshold")),
        (7, Int("terminationGracePeriodSeconds", pointer: true)));

    static readonly ProtoMessage LifecycleHandler = Strict(
        (1, Ptr("exec", ExecAction)), (2, Ptr("httpGet", HttpGetAction)), (3, Ptr("tcpSocket", TcpSocketAction)),
        (4, Ptr("sleep", Strict((1, Int("seconds"))))));

    static readonly ProtoMessage Lifecycle = Strict((1, Ptr("postStart", LifecycleHandler)), (2, Ptr("preStop", LifecycleHandler)), (3, Str("stopSignal", pointer: true)));

    static readonly ProtoMessage Profile = Strict((1, Str("type")), (2, Str("localhostProfile", pointer: true)));

    static readonly ProtoMessage SeLinuxOptions = Strict((1, Str("user")), (2, Str("role")), (3, Str("type")), (4, Str("level")));

    static readonly ProtoMessage SecurityContext = Strict(
        (1, Ptr("capabilities", Strict((1, Strings("add")), (2, Strings("drop"))))), (2, Bool("privileged", pointer: true)),
        (3, Ptr("seLinuxOptions", SeLinuxOptions)), (4, Int("runAsUser", pointer: true)), (5, Bool("runAsNonRoot", pointer: true)),
        (6, Bool("readOnlyRootFilesystem", pointer: true)), (7, Bool("allowPrivilegeEscalation", pointer: true)),
        (8, Int("runAsGroup", pointer: true)), (9, Str("procMount", pointer: true)), (11, Ptr("seccompProfile", Profile)),
        (12, Ptr("appArmorProfile", Profile)));

    static readonly ProtoMessage Container = Strict(
        (1, Str("name")), (2, Str("image")), (3, Strings("command")), (4, Strings("args")), (5, Str("workingDir")),
        (6, List("ports", ContainerPort)), (7, List("env", EnvVar)), (8, Nested("resources", ResourceRequirements)),
        (9, List("volumeMounts", VolumeMount)), (10, Ptr("livenessProbe", Probe)), (11, Ptr("readinessProbe", Probe)),
        (12, Ptr("lifecycle", Lifecycle)), (13, Str("terminationMessagePath")), (14, Str("imagePullPolicy")),
        (15, Ptr("securityContext", SecurityContext)), (16, Bool("stdin")), (17, Bool("stdinOnce")), (18, Bool("tty")),
        (19, List("envFrom", EnvFromSource)), (20, Str("terminationMessagePolicy")), (22, Ptr("startupProbe", Probe)),
        (24, Str("restartPolicy", pointer: true)));

    static readonly ProtoMessage KeyToPath = Strict((1, Str("key")), (2, Str("path")), (3, Int("mode", pointer: true)));

    static readonly ProtoMessage DownwardApiFile = Strict(
        (1, Str("path")), (2, Ptr("fieldRef", ObjectFieldSelector)), (3, Ptr("resourceFieldRef", ResourceFieldSelector)), (4, Int("mode", pointer: true)));

    // The projections of the service account token volume that admission adds to every pod (kube-api-access-*).
    static readonly ProtoMessage VolumeProjection = Strict(
        (1, Ptr("secret", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (4, Bool("optional", pointer: true))))),
        (2, Ptr("downwardAPI", Strict((1, List("items", DownwardApiFile))))),
        (3, Ptr("configMap", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (4, Bool("optional", pointer: true))))),
        (4, Ptr("serviceAccountToken", Strict((1, Str("audience")), (2, Int("expirationSeconds", pointer: true)), (3, Str("path"))))));

    static readonly ProtoMessage VolumeSource = Strict(
        (1, Ptr("hostPath", Strict((1, Str("path")), (2, Str("type", pointer: true))))),
        (2, Ptr("emptyDir", Strict((1, Str("medium")), (2, new("sizeLimit", ProtoKind.Quantity))))),
        (6, Ptr("secret", Strict((1, Str("secretName")), (2, List("items", KeyToPath)), (3, Int("defaultMode", pointer: true)),
            (4, Bool("optional", pointer: true))))),
        (10, Ptr("persistentVolumeClaim", Strict((1, Str("claimName")), (2, Bool("readOnly"))))),
        (16, Ptr("downwardAPI", Strict((1, List("items", DownwardApiFile)), (2, Int("defaultMode", pointer: true))))),
        (19, Ptr("configMap", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (3, Int("defaultMode", pointer: true)),
            (4, Bool("optional", pointer: true))))),
        (26, Ptr("projected", Strict((1, List("sources", VolumeProjection)), (2, Int("defaultMode", pointer: true))))));

    static readonly ProtoMessage Volume = Strict((1, Str("name")), (2, new("volumeSource", ProtoKind.Inline, VolumeSource)));

    static readonly ProtoMessage Toleration = Strict(
        (1, Str("key")), (2, Str("operator")), (3, Str("value")), (4, Str("effect")), (5, Int("tolerationSeconds", pointer: true)));

    static readonly ProtoMessage PodSecurityContext = Strict(
        (1, Ptr("seLinuxOptions", SeLinuxOptions)), (2, Int("runAsUser", pointer: true)), (3, Bool("runAsNonRoot", pointer: true)),
        (4, new("supplementalGroups", ProtoKind.Int, Repeated: true)), (5, Int("fsGroup", pointer: true)), (6, Int("runAsGroup", pointer: true)),
        (7, List("sysctls", Strict((1, Str("name")), (2, Str("value"))))), (9, Str("fsGroupChangePolicy", pointer: true)),
        (10, Ptr("seccompProfile", Profile)), (11, Ptr("appArmorProfile", Profile)), (12, Str("supplementalGroupsPolicy", pointer: true)),
        (13, Str("seLinuxChangePolicy", pointer: true)));

    static readonly ProtoMessage NodeSelectorTerm = Strict(
        (1, List("matchExpressions", Strict((1, Str("key")), (2, Str("operator")), (3, Strings("values"))))),
        (2, List("matchFields", Strict((1, Str("key")), (2, Str("operator")), (3, Strings("values"))))));

    // Pod affinity and anti-affinity are left out: a pod that carries them is refused (strict), not stored without them.
    static readonly ProtoMessage Affinity = Strict((1, Ptr("nodeAffinity", Strict(
        (1, Ptr("requiredDuringSchedulingIgnoredDuringExecution", Strict((1, List("nodeSelectorTerms", NodeSelectorTerm))))),
        (2, List("preferredDuringSchedulingIgnoredDuringExecution", Strict((1, Int("weight")), (2, Nested("preference", NodeSelectorTerm)))))))));

    static readonly ProtoMessage PodSpec = Strict(
        (1, List("volumes", Volume)), (2, List("containers", Container)), (3, Str("restartPolicy")),
        (4, Int("terminationGracePeriodSeconds", pointer: true)), (5, Int("activeDeadlineSeconds", pointer: true)), (6, Str("dnsPolicy")),
        (7, new("nodeSelector", ProtoKind.StringMap)), (8, Str("serviceAccountName")), (9, Str("serviceAccount")), (10, Str("nodeName")),
        (11, Bool("hostNetwork")), (12, Bool("hostPID")), (13, Bool("hostIPC")), (14, Ptr("securityContext", PodSecurityContext)),
        (15, List("imagePullSecrets", LocalObjectReference)), (16, Str("hostname")), (17, Str("subdomain")), (18, Ptr("affinity", Affinity)),
        (19, Str("schedulerName")), (20, List("initContainers", Container)), (21, Bool("automountServiceAccountToken", pointer: true)),
        (22, List("tolerations", Toleration)), (23, List("hostAliases", Strict((1, Str("ip")), (2, Strings("hostnames"))))),
        (24, Str("priorityClassName")), (25, Int("priority", pointer: true)),
        (26, Ptr("dnsConfig", Strict((1, Strings("nameservers")), (2, Strings("searches")),
            (3, List("options", Strict((1, Str("name")), (2, Str("value", pointer: true)))))))),
        (27, Bool("shareProcessNamespace", pointer: true)), (28, List("readinessGates", Strict((1, Str("conditionType"))))),
        (29, Str("runtimeClassName", pointer: true)), (30, Bool("enableServiceLinks", pointer: true)), (31, Str("preemptionPolicy", pointer: true)),
        (32, Quantities("overhead")), (35, Bool("setHostnameAsFQDN", pointer: true)), (36, Ptr("os", Strict((1, Str("name"))))),
        (37, Bool("hostUsers", pointer: true)), (38, List("schedulingGates", Strict((1, Str("name"))))));

    static readonly ProtoMessage PodCondition = Strict(
        (1, Str("type")), (2, Str("status")), (3, new("lastProbeTime", ProtoKind.Time)), (4, new("lastTransitionTime", ProtoKind.Time)),
        (5, Str("reason")), (6, Str("message")), (7, Int("observedGeneration")));

    static readonly ProtoMessage ContainerState = Strict(
        (1, Ptr("waiting", Strict((1, Str("reason")), (2, Str("message"))))),
        (2, Ptr("running", Strict((1, new("startedAt", ProtoKind.Time))))),
        (3, Ptr("terminated", Strict(
            (1, Int("exitCode", pointer: true)), (2, Int("signal")), (3, Str("reason")), (4, Str("message")),
            (5, new("startedAt", ProtoKind.Time)), (6, new("finishedAt", ProtoKind.Time)), (7, Str("containerID"))))));

    // ready, restartCount, image and imageID have no omitempty in Go's JSON, so their zero values are kept.
    static readonly ProtoMessage ContainerStatus = Strict(
        (1, Str("name")), (2, Nested("state", ContainerState)), (3, Nested("lastState", ContainerState)), (4, Bool("ready", pointer: true)),
        (5, Int("restartCount", pointer: true)), (6, Str("image", pointer: true)), (7, Str("imageID", pointer: true)), (8, Str("containerID")),
        (9, Bool("started", pointer: true)), (10, Quantities("allocatedResources")), (11, Ptr("resources", ResourceRequirements)));

    static readonly ProtoMessage PodStatus = Strict(
        (1, Str("phase")), (2, List("conditions", PodCondition)), (3, Str("message")), (4, Str("reason")), (5, Str("hostIP")),
        (6, Str("podIP")), (7, new("startTime", ProtoKind.Time)), (8, List("containerStatuses", ContainerStatus)), (9, Str("qosClass")),
        (10, List("initContainerStatuses", ContainerStatus)), (11, Str("nominatedNodeName")), (12, List("podIPs", Strict((1, Str("ip"))))),
        (13, List("ephemeralContainerStatuses", ContainerStatus)), (14, Str("resize")), (16, List("hostIPs", Strict((1, Str("ip"))))),
        (17, Int("observedGeneration")));

    public static readonly ProtoMessage Pod = Strict((1, Nested("metadata", ObjectMeta)), (2, Nested("spec", PodSpec)), (3, Nested("status", PodStatus)));
}
