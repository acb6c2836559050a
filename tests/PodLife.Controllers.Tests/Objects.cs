using k8s.Models;

namespace PodLife.Controllers.Tests;

/// <summary>Builders for the nodes, leases and pods the controller tests use.</summary>
static class Objects
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static V1Node ReadyNode(string name, DateTimeOffset heartbeat) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, CreationTimestamp = T0.AddHours(-1).UtcDateTime },
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", heartbeat),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", heartbeat),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", heartbeat),
                Condition("Ready", "True", "KubeletReady", heartbeat),
            ],
        },
    };

    static V1NodeCondition Condition(string type, string status, string reason, DateTimeOffset heartbeat) => new()
    {
        Type = type, Status = status, Reason = reason, LastHeartbeatTime = heartbeat.UtcDateTime, LastTransitionTime = T0.AddHours(-1).UtcDateTime,
    };

    public static V1Lease Lease(string node, DateTimeOffset renew) => new()
    {
        Metadata = new V1ObjectMeta { Name = node, NamespaceProperty = "kube-node-lease" },
        Spec = new V1LeaseSpec { HolderIdentity = node, LeaseDurationSeconds = 40, RenewTime = renew.UtcDateTime },
    };

    public static V1Pod RunningPod(string name, string node, params V1Toleration[] tolerations) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", CreationTimestamp = T0.UtcDateTime },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "nginx" }], Tolerations = tolerations },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions =
            [
                new V1PodCondition { Type = "Initialized", Status = "True" },
                new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = T0.UtcDateTime },
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
            ],
        },
    };

    /// <summary>The DefaultTolerationSeconds admission plugin's toleration.</summary>
    public static V1Toleration Default(string key, long? seconds = 300) =>
        new() { Key = key, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = seconds };

    public static V1Taint Taint(string key, string effect, string? value = null) => new() { Key = key, Effect = effect, Value = value };
}
