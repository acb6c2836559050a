using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Tests;

/// <summary>Small builders for the pods and nodes the scheduler tests use.</summary>
static class Objects
{
    public static V1Node Node(string name, string cpu = "4", string memory = "8Gi", string pods = "110", string storage = "100Gi") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods), ["ephemeral-storage"] = new(storage),
            },
        },
    };

    public static V1Pod Pod(string name, string? cpu = null, string? memory = null, string? node = null, string ns = "default")
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null) requests["cpu"] = new ResourceQuantity(cpu);
        if (memory is not null) requests["memory"] = new ResourceQuantity(memory);
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{name}" },
            Spec = new V1PodSpec
            {
                NodeName = node,
                SchedulerName = "default-scheduler",
                Containers = [new V1Container { Name = "c", Image = "nginx", Resources = new V1ResourceRequirements { Requests = requests } }],
            },
            Status = new V1PodStatus { Phase = "Pending" },
        };
    }

    public static V1Container Container(string name, string? cpu = null, string? memory = null, string? restartPolicy = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null) requests["cpu"] = new ResourceQuantity(cpu);
        if (memory is not null) requests["memory"] = new ResourceQuantity(memory);
        return new V1Container { Name = name, Image = "busybox", RestartPolicy = restartPolicy, Resources = new V1ResourceRequirements { Requests = requests } };
    }

    public static V1Node WithTaint(this V1Node node, string key, string effect, string? value = null)
    {
        node.Spec.Taints ??= [];
        node.Spec.Taints.Add(new V1Taint { Key = key, Effect = effect, Value = value });
        return node;
    }

    public static V1Node WithLabel(this V1Node node, string key, string value)
    {
        node.Metadata.Labels[key] = value;
        return node;
    }

    public static V1Node Cordoned(this V1Node node)
    {
        node.Spec.Unschedulable = true;
        return node;
    }

    public static V1Pod Tolerating(this V1Pod pod, string? key, string op = "Exists", string? effect = null, string? value = null)
    {
        pod.Spec.Tolerations ??= [];
        pod.Spec.Tolerations.Add(new V1Toleration { Key = key, OperatorProperty = op, Effect = effect, Value = value });
        return pod;
    }

    public static V1Pod WithHostPort(this V1Pod pod, int port, string? ip = null, string? protocol = null)
    {
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = port, HostPort = port, HostIP = ip, Protocol = protocol }];
        return pod;
    }

    public static V1Pod WithNodeSelector(this V1Pod pod, string key, string value)
    {
        pod.Spec.NodeSelector = new Dictionary<string, string> { [key] = value };
        return pod;
    }
}
