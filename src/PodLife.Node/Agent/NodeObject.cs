using k8s.Models;

namespace PodLife.Node.Agent;

/// <summary>The Node object and status kubelet registers and posts (pkg/kubelet/nodestatus/setters.go).</summary>
public static class NodeObject
{
    /// <summary>The Node to register: labels, podCIDR and a full status.</summary>
    public static V1Node Build(NodeAgentOptions options, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = options.NodeName,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = options.NodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = "amd64",
                },
            },
            Spec = new V1NodeSpec { PodCIDR = options.PodCidr, PodCIDRs = [options.PodCidr] },
            Status = Status(options, now, previous: null),
        };
    }

    /// <summary>The node status at <paramref name="now"/>; conditions keep their lastTransitionTime while unchanged.</summary>
    public static V1NodeStatus Status(NodeAgentOptions options, DateTime now, V1NodeStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(options.Cpu),
            ["memory"] = new(options.Memory),
            ["pods"] = new(options.Pods),
            ["ephemeral-storage"] = new(options.EphemeralStorage),
        };
        V1NodeCondition Condition(string type, string status, string reason, string message)
        {
            var before = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
            var since = before is not null && before.Status == status ? before.LastTransitionTime : now;
            return new V1NodeCondition
            {
                Type = type, Status = status, Reason = reason, Message = message,
                LastHeartbeatTime = now, LastTransitionTime = since,
            };
        }
        return new V1NodeStatus
        {
            Capacity = resources,
            Allocatable = new Dictionary<string, ResourceQuantity>(resources),
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = options.InternalIp },
                new V1NodeAddress { Type = "Hostname", Address = options.NodeName },
            ],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = options.KubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = "amd64",
                OperatingSystem = "linux",
                OsImage = "PodLife simulated node",
                KernelVersion = "6.1.0-podlife",
                ContainerRuntimeVersion = options.ContainerRuntimeVersion,
                KubeletVersion = options.KubeletVersion,
                KubeProxyVersion = "",
                MachineID = Hex(options.NodeName, "machine"),
                SystemUUID = Hex(options.NodeName, "system"),
                BootID = Hex(options.NodeName, "boot"),
            },
        };
    }

    static string Hex(string node, string what) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{what}/{node}")))[..32];
}
