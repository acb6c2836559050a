using static PodLife.ApiServer.Protobuf.KubernetesProtoSchemas;
using static PodLife.ApiServer.Protobuf.VolumeProtoSchema;

namespace PodLife.ApiServer.Protobuf;

// Pods as typed Go clients send them (kubectl debug, kubelets' static pods, controllers, operators), field numbers from
// k8s.io/api/core/v1 generated.proto. Every pod message is strict: a field this table lacks (one added to Kubernetes
// after it was written) is a 400, never silently dropped. Pointer fields (*bool, *int64, *string in types.go) and fields
// without omitempty (ready, restartCount, weight, maxSkew) keep their zero values.
/// <summary>The protobuf schema of v1 Pod (spec and status), for <see cref="KubernetesProtoSchemas"/>.</summary>
static class PodProtoSchema
{
    static readonly ProtoMessage KeySelector = Strict((1, LocalObjectReferenceInline), (2, Str("key")), (3, Bool("optional", pointer: true)));

    static readonly ProtoMessage EnvVarSource = Strict(
        (1, Ptr("fieldRef", ObjectFieldSelector)), (2, Ptr("resourceFieldRef", ResourceFieldSelector)),
        (3, Ptr("configMapKeyRef", KeySelector)), (4, Ptr("secretKeyRef", KeySelector)),
        (5, Ptr("fileKeyRef", Strict((1, Str("volumeName")), (2, Str("path")), (3, Str("key")), (4, Bool("optional", pointer: true))))));

    static readonly ProtoMessage EnvVar = Strict((1, Str("name")), (2, Str("value")), (3, Ptr("valueFrom", EnvVarSource)));

    static readonly ProtoMessage EnvSource = Strict((1, LocalObjectReferenceInline), (2, Bool("optional", pointer: true)));

    static readonly ProtoMessage EnvFromSource = Strict((1, Str("prefix")), (2, Ptr("configMapRef", EnvSource)), (3, Ptr("secretRef", EnvSource)));

    static readonly ProtoMessage ContainerPort = Strict(
        (1, Str("name")), (2, Int("hostPort")), (3, Int("containerPort", pointer: true)), (4, Str("protocol")), (5, Str("hostIP")));

    static readonly ProtoMessage ResourceRequirements = Strict(
        (1, Quantities("limits")), (2, Quantities("requests")), (3, List("claims", Strict((1, Str("name")), (2, Str("request"))))));

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
        (4, Ptr("grpc", Strict((1, Int("port", pointer: true)), (2, Str("service", pointer: true))))));

    static readonly ProtoMessage Probe = Strict(
        (1, new("handler", ProtoKind.Inline, ProbeHandler)), (2, Int("initialDelaySeconds")), (3, Int("timeoutSeconds")),
        (4, Int("periodSeconds")), (5, Int("successThreshold")), (6, Int("failureThreshold")),
        (7, Int("terminationGracePeriodSeconds", pointer: true)));

    static readonly ProtoMessage LifecycleHandler = Strict(
        (1, Ptr("exec", ExecAction)), (2, Ptr("httpGet", HttpGetAction)), (3, Ptr("tcpSocket", TcpSocketAction)),
        (4, Ptr("sleep", Strict((1, Int("seconds", pointer: true))))));

    static readonly ProtoMessage Lifecycle = Strict((1, Ptr("postStart", LifecycleHandler)), (2, Ptr("preStop", LifecycleHandler)), (3, Str("stopSignal", pointer: true)));

    static readonly ProtoMessage Profile = Strict((1, Str("type")), (2, Str("localhostProfile", pointer: true)));

    static readonly ProtoMessage SeLinuxOptions = Strict((1, Str("user")), (2, Str("role")), (3, Str("type")), (4, Str("level")));

    static readonly ProtoMessage WindowsOptions = Strict(
        (1, Str("gmsaCredentialSpecName", pointer: true)), (2, Str("gmsaCredentialSpec", pointer: true)), (3, Str("runAsUserName", pointer: true)),
        (4, Bool("hostProcess", pointer: true)));

    static readonly ProtoMessage SecurityContext = Strict(
        (1, Ptr("capabilities", Strict((1, Strings("add")), (2, Strings("drop"))))), (2, Bool("privileged", pointer: true)),
        (3, Ptr("seLinuxOptions", SeLinuxOptions)), (10, Ptr("windowsOptions", WindowsOptions)), (4, Int("runAsUser", pointer: true)),
        (8, Int("runAsGroup", pointer: true)), (5, Bool("runAsNonRoot", pointer: true)), (6, Bool("readOnlyRootFilesystem", pointer: true)),
        (7, Bool("allowPrivilegeEscalation", pointer: true)), (9, Str("procMount", pointer: true)), (11, Ptr("seccompProfile", Profile)),
        (12, Ptr("appArmorProfile", Profile)),
        (13, List("ulimits", Strict((1, Str("name")), (2, Int("hard", pointer: true)), (3, Int("soft", pointer: true))))));

    static readonly ProtoMessage RestartRule = Strict(
        (1, Str("action")), (2, Ptr("exitCodes", Strict((1, Str("operator")), (2, Ints("values"))))));

    // EphemeralContainerCommon has the same field numbers as Container.
    static readonly ProtoMessage Container = Strict(
        (1, Str("name")), (2, Str("image")), (3, Strings("command")), (4, Strings("args")), (5, Str("workingDir")),
        (6, List("ports", ContainerPort)), (19, List("envFrom", EnvFromSource)), (7, List("env", EnvVar)),
        (8, Nested("resources", ResourceRequirements)),
        (23, List("resizePolicy", Strict((1, Str("resourceName")), (2, Str("restartPolicy"))))),
        (24, Str("restartPolicy", pointer: true)), (25, List("restartPolicyRules", RestartRule)),
        (9, List("volumeMounts", VolumeMount)), (21, List("volumeDevices", Strict((1, Str("name")), (2, Str("devicePath"))))),
        (10, Ptr("livenessProbe", Probe)), (11, Ptr("readinessProbe", Probe)), (22, Ptr("startupProbe", Probe)),
        (12, Ptr("lifecycle", Lifecycle)), (13, Str("terminationMessagePath")), (20, Str("terminationMessagePolicy")),
        (14, Str("imagePullPolicy")), (15, Ptr("securityContext", SecurityContext)), (16, Bool("stdin")), (17, Bool("stdinOnce")),
        (18, Bool("tty")));

    static readonly ProtoMessage EphemeralContainer = Strict(
        (1, new("ephemeralContainerCommon", ProtoKind.Inline, Container)), (2, Str("targetContainerName")));

    static readonly ProtoMessage Toleration = Strict(
        (1, Str("key")), (2, Str("operator")), (3, Str("value")), (4, Str("effect")), (5, Int("tolerationSeconds", pointer: true)));

    static readonly ProtoMessage PodSecurityContext = Strict(
        (1, Ptr("seLinuxOptions", SeLinuxOptions)), (8, Ptr("windowsOptions", WindowsOptions)), (2, Int("runAsUser", pointer: true)),
        (6, Int("runAsGroup", pointer: true)), (3, Bool("runAsNonRoot", pointer: true)), (4, Ints("supplementalGroups")),
        (12, Str("supplementalGroupsPolicy", pointer: true)), (5, Int("fsGroup", pointer: true)),
        (7, List("sysctls", Strict((1, Str("name")), (2, Str("value"))))), (9, Str("fsGroupChangePolicy", pointer: true)),
        (10, Ptr("seccompProfile", Profile)), (11, Ptr("appArmorProfile", Profile)), (13, Str("seLinuxChangePolicy", pointer: true)));

    static readonly ProtoMessage NodeSelectorRequirement = Strict((1, Str("key")), (2, Str("operator")), (3, Strings("values")));

    internal static readonly ProtoMessage NodeSelectorTerm = Strict(
        (1, List("matchExpressions", NodeSelectorRequirement)), (2, List("matchFields", NodeSelectorRequirement)));

    static readonly ProtoMessage NodeAffinity = Strict(
        (1, Ptr("requiredDuringSchedulingIgnoredDuringExecution", Strict((1, List("nodeSelectorTerms", NodeSelectorTerm))))),
        (2, List("preferredDuringSchedulingIgnoredDuringExecution", Strict((1, Int("weight", pointer: true)), (2, Nested("preference", NodeSelectorTerm))))));

    static readonly ProtoMessage PodAffinityTerm = Strict(
        (1, Ptr("labelSelector", LabelSelector)), (2, Strings("namespaces")), (3, Str("topologyKey")),
        (4, Ptr("namespaceSelector", LabelSelector)), (5, Strings("matchLabelKeys")), (6, Strings("mismatchLabelKeys")));

    // PodAffinity and PodAntiAffinity have the same shape.
    static readonly ProtoMessage PodAffinity = Strict(
        (1, List("requiredDuringSchedulingIgnoredDuringExecution", PodAffinityTerm)),
        (2, List("preferredDuringSchedulingIgnoredDuringExecution", Strict((1, Int("weight", pointer: true)), (2, Nested("podAffinityTerm", PodAffinityTerm))))));

    static readonly ProtoMessage Affinity = Strict(
        (1, Ptr("nodeAffinity", NodeAffinity)), (2, Ptr("podAffinity", PodAffinity)), (3, Ptr("podAntiAffinity", PodAffinity)));

    static readonly ProtoMessage TopologySpreadConstraint = Strict(
        (1, Int("maxSkew", pointer: true)), (2, Str("topologyKey")), (3, Str("whenUnsatisfiable")), (4, Ptr("labelSelector", LabelSelector)),
        (5, Int("minDomains", pointer: true)), (6, Str("nodeAffinityPolicy", pointer: true)), (7, Str("nodeTaintsPolicy", pointer: true)),
        (8, Strings("matchLabelKeys")));

    static readonly ProtoMessage PodSpec = Strict(
        (1, List("volumes", Volume)), (20, List("initContainers", Container)), (2, List("containers", Container)),
        (34, List("ephemeralContainers", EphemeralContainer)), (3, Str("restartPolicy")),
        (4, Int("terminationGracePeriodSeconds", pointer: true)), (5, Int("activeDeadlineSeconds", pointer: true)), (6, Str("dnsPolicy")),
        (7, new("nodeSelector", ProtoKind.StringMap)), (8, Str("serviceAccountName")), (9, Str("serviceAccount")),
        (21, Bool("automountServiceAccountToken", pointer: true)), (10, Str("nodeName")), (11, Bool("hostNetwork")), (12, Bool("hostPID")),
        (13, Bool("hostIPC")), (27, Bool("shareProcessNamespace", pointer: true)), (14, Ptr("securityContext", PodSecurityContext)),
        (15, List("imagePullSecrets", LocalObjectReference)), (16, Str("hostname")), (17, Str("subdomain")), (18, Ptr("affinity", Affinity)),
        (19, Str("schedulerName")), (22, List("tolerations", Toleration)), (23, List("hostAliases", Strict((1, Str("ip")), (2, Strings("hostnames"))))),
        (24, Str("priorityClassName")), (25, Int("priority", pointer: true)),
        (26, Ptr("dnsConfig", Strict((1, Strings("nameservers")), (2, Strings("searches")),
            (3, List("options", Strict((1, Str("name")), (2, Str("value", pointer: true)))))))),
        (28, List("readinessGates", Strict((1, Str("conditionType"))))), (29, Str("runtimeClassName", pointer: true)),
        (30, Bool("enableServiceLinks", pointer: true)), (31, Str("preemptionPolicy", pointer: true)), (32, Quantities("overhead")),
        (33, List("topologySpreadConstraints", TopologySpreadConstraint)), (35, Bool("setHostnameAsFQDN", pointer: true)),
        (36, Ptr("os", Strict((1, Str("name"))))), (37, Bool("hostUsers", pointer: true)), (38, List("schedulingGates", Strict((1, Str("name"))))),
        (39, List("resourceClaims", Strict((1, Str("name")), (3, Str("resourceClaimName", pointer: true)), (4, Str("resourceClaimTemplateName", pointer: true))))),
        (40, Ptr("resources", ResourceRequirements)), (41, Str("hostnameOverride", pointer: true)),
        (42, Ptr("workloadRef", Strict((1, Str("name")), (2, Str("podGroup")), (3, Str("podGroupReplicaKey"))))));

    static readonly ProtoMessage PodCondition = Strict(
        (1, Str("type")), (7, Int("observedGeneration")), (2, Str("status")), (3, new("lastProbeTime", ProtoKind.Time)),
        (4, new("lastTransitionTime", ProtoKind.Time)), (5, Str("reason")), (6, Str("message")));

    static readonly ProtoMessage ContainerState = Strict(
        (1, Ptr("waiting", Strict((1, Str("reason")), (2, Str("message"))))),
        (2, Ptr("running", Strict((1, new("startedAt", ProtoKind.Time))))),
        (3, Ptr("terminated", Strict(
            (1, Int("exitCode", pointer: true)), (2, Int("signal")), (3, Str("reason")), (4, Str("message")),
            (5, new("startedAt", ProtoKind.Time)), (6, new("finishedAt", ProtoKind.Time)), (7, Str("containerID"))))));

    static readonly ProtoMessage VolumeMountStatus = Strict(
        (1, Str("name")), (2, Str("mountPath")), (3, Bool("readOnly")), (4, Str("recursiveReadOnly", pointer: true)),
        (5, Ptr("volumeStatus", Strict((1, Ptr("image", Strict((1, Str("imageRef")))))))));

    static readonly ProtoMessage ResourceStatus = Strict(
        (1, Str("name")),
        (2, List("resources", Strict((1, Str("resourceID")), (2, Str("health")), (6, Str("message", pointer: true))))));

    // ready, restartCount, image and imageID have no omitempty in Go's JSON, so their zero values are kept.
    static readonly ProtoMessage ContainerStatus = Strict(
        (1, Str("name")), (2, Nested("state", ContainerState)), (3, Nested("lastState", ContainerState)), (4, Bool("ready", pointer: true)),
        (5, Int("restartCount", pointer: true)), (6, Str("image", pointer: true)), (7, Str("imageID", pointer: true)), (8, Str("containerID")),
        (9, Bool("started", pointer: true)), (10, Quantities("allocatedResources")), (11, Ptr("resources", ResourceRequirements)),
        (12, List("volumeMounts", VolumeMountStatus)),
        (13, Ptr("user", Strict((1, Ptr("linux", Strict((1, Int("uid", pointer: true)), (2, Int("gid", pointer: true)), (3, Ints("supplementalGroups")))))))),
        (14, List("allocatedResourcesStatus", ResourceStatus)), (15, Str("stopSignal", pointer: true)));

    static readonly ProtoMessage PodStatus = Strict(
        (17, Int("observedGeneration")), (1, Str("phase")), (2, List("conditions", PodCondition)), (3, Str("message")), (4, Str("reason")),
        (11, Str("nominatedNodeName")), (5, Str("hostIP")), (16, List("hostIPs", Strict((1, Str("ip"))))), (6, Str("podIP")),
        (12, List("podIPs", Strict((1, Str("ip"))))), (7, new("startTime", ProtoKind.Time)), (10, List("initContainerStatuses", ContainerStatus)),
        (8, List("containerStatuses", ContainerStatus)), (9, Str("qosClass")), (13, List("ephemeralContainerStatuses", ContainerStatus)),
        (14, Str("resize")),
        (15, List("resourceClaimStatuses", Strict((1, Str("name")), (2, Str("resourceClaimName", pointer: true))))),
        (18, Ptr("extendedResourceClaimStatus", Strict(
            (1, List("requestMappings", Strict((1, Str("containerName")), (2, Str("resourceName")), (3, Str("requestName"))))),
            (2, Str("resourceClaimName"))))),
        (19, Quantities("allocatedResources")), (20, Ptr("resources", ResourceRequirements)));

    public static readonly ProtoMessage Pod = Strict((1, Nested("metadata", ObjectMeta)), (2, Nested("spec", PodSpec)), (3, Nested("status", PodStatus)));
}
