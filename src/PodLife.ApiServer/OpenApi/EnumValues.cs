using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The string fields Kubernetes declares <c>+enum</c>, with their values in the sorted order its OpenAPI
/// documents list them (kubectl explain prints them as <c>enum: Always, IfNotPresent, Never</c>).
/// Facts from k8s.io/api core/v1 types.go (release 1.32).
/// </summary>
static class EnumValues
{
    static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    static readonly string[] TaintEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"];
    static readonly string[] SelectorOperators = ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"];

    static readonly Dictionary<(Type, string), string[]> Table = new()
    {
        [(typeof(V1PodSpec), "restartPolicy")] = ["Always", "Never", "OnFailure"],
        [(typeof(V1PodSpec), "dnsPolicy")] = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        [(typeof(V1PodSpec), "preemptionPolicy")] = ["Never", "PreemptLowerPriority"],
        [(typeof(V1PodStatus), "phase")] = ["Failed", "Pending", "Running", "Succeeded", "Unknown"],
        [(typeof(V1PodStatus), "qosClass")] = ["BestEffort", "Burstable", "Guaranteed"],
        [(typeof(V1ContainerPort), "protocol")] = Protocols,
        [(typeof(V1HTTPGetAction), "scheme")] = ["HTTP", "HTTPS"],
        [(typeof(V1Toleration), "effect")] = TaintEffects,
        [(typeof(V1Toleration), "operator")] = ["Equal", "Exists"],
        [(typeof(V1Taint), "effect")] = TaintEffects,
        [(typeof(V1NodeSelectorRequirement), "operator")] = SelectorOperators,
        [(typeof(V1NodeStatus), "phase")] = ["Pending", "Running", "Terminated"],
        [(typeof(V1NamespaceStatus), "phase")] = ["Active", "Terminating"],
    };

    static EnumValues()
    {
        foreach (var container in new[] { typeof(V1Container), typeof(V1EphemeralContainer) })
        {
            Table[(container, "imagePullPolicy")] = ["Always", "IfNotPresent", "Never"];
            Table[(container, "terminationMessagePolicy")] = ["FallbackToLogsOnError", "File"];
        }
    }

    /// <summary>The allowed values of a field, or null when it is not an enum.</summary>
    public static IReadOnlyList<string>? Of(Type type, string jsonName) => Table.GetValueOrDefault((type, jsonName));
}
