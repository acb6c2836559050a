using k8s.Models;
using PodLife.Core.Scheduling;

namespace PodLife.Core.Tests.Scheduling;

/// <summary>kubelet's admission of a pod bound to its node (pkg/kubelet/lifecycle/predicate.go), reason and message.</summary>
public sealed class KubeletAdmissionTests
{
    static V1Node Node(IList<V1Taint>? taints = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "node-1", Labels = new Dictionary<string, string> { ["disk"] = "ssd", ["kubernetes.io/os"] = "linux" } },
        Spec = new V1NodeSpec { Taints = taints },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new("4"), ["memory"] = new("16Gi"), ["pods"] = new("3"), ["ephemeral-storage"] = new("100Gi"),
            },
        },
    };

    static V1Pod Pod(string name, string? cpu = null, string? memory = null, string phase = "Running", int? hostPort = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null) requests["cpu"] = new(cpu);
        if (memory is not null) requests["memory"] = new(memory);
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Uid = name },
            Spec = new V1PodSpec
            {
                NodeName = "node-1",
                Containers =
                [
                    new V1Container
                    {
                        Name = "app", Resources = new V1ResourceRequirements { Requests = requests },
                        Ports = hostPort is { } port ? [new V1ContainerPort { ContainerPort = 80, HostPort = port }] : null,
                    },
                ],
            },
            Status = new V1PodStatus { Phase = phase },
        };
    }

    [Fact]
    public void APodTheNodeHasRoomForIsAdmitted() =>
        Assert.Null(KubeletAdmission.Check(Pod("new", cpu: "1", memory: "1Gi"), Node(), [Pod("old", cpu: "2")]));

    [Fact]
    public void TooMuchCpuIsOutOfcpuWithWhatWasAskedUsedAndThereInMillicores()
    {
        var rejection = KubeletAdmission.Check(Pod("new", cpu: "3"), Node(), [Pod("old", cpu: "1500m"), Pod("done", cpu: "4", phase: "Succeeded")]);

        Assert.Equal(new KubeletAdmission.Rejection("OutOfcpu", "Node didn't have enough resource: cpu, requested: 3000, used: 1500, capacity: 4000"), rejection);
        Assert.Equal("Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 1500, capacity: 4000", rejection!.StatusMessage);
    }

    [Fact]
    public void TooMuchMemoryIsOutOfmemoryInBytes() =>
        Assert.Equal(new KubeletAdmission.Rejection("OutOfmemory", "Node didn't have enough resource: memory, requested: 34359738368, used: 0, capacity: 17179869184"),
            KubeletAdmission.Check(Pod("new", memory: "32Gi"), Node(), []));

    [Fact]
    public void ThePodCountComesFirst() =>
        Assert.Equal(new KubeletAdmission.Rejection("OutOfpods", "Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3"),
            KubeletAdmission.Check(Pod("new", cpu: "100"), Node(), [Pod("a"), Pod("b"), Pod("c")]));

    [Fact]
    public void ANodeSelectorTheNodeDoesNotMatchFailsTheNodeAffinityPredicate()
    {
        var pod = Pod("new");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "hdd" };

        Assert.Equal(new KubeletAdmission.Rejection("NodeAffinity", "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"),
            KubeletAdmission.Check(pod, Node(), []));
    }

    [Fact]
    public void AHostPortAnotherPodHoldsFailsTheNodePortsPredicate()
    {
        Assert.Equal(new KubeletAdmission.Rejection("NodePorts", "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"),
            KubeletAdmission.Check(Pod("new", hostPort: 8080), Node(), [Pod("old", hostPort: 8080)]));
        Assert.Null(KubeletAdmission.Check(Pod("new", hostPort: 8080), Node(), [Pod("old", hostPort: 9090)]));
    }

    [Fact]
    public void OnlyAnUntoleratedNoExecuteTaintRefusesThePod()
    {
        var noSchedule = Node([new V1Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }]);
        var noExecute = Node([new V1Taint { Key = "dedicated", Value = "db", Effect = "NoExecute" }]);
        var tolerant = Pod("tolerant");
        tolerant.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Exists" }];

        Assert.Null(KubeletAdmission.Check(Pod("new"), noSchedule, []));
        Assert.Equal(new KubeletAdmission.Rejection("TaintToleration", "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate"),
            KubeletAdmission.Check(Pod("new"), noExecute, []));
        Assert.Null(KubeletAdmission.Check(tolerant, noExecute, []));
    }

    [Fact]
    public void APodForAnotherOperatingSystemIsRefusedBeforeAnythingElse()
    {
        var labelled = Pod("new", cpu: "100");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" };
        var field = Pod("new");
        field.Spec.Os = new V1PodOS { Name = "windows" };

        Assert.Equal("PodOSSelectorNodeLabelDoesNotMatch", KubeletAdmission.Check(labelled, Node(), [])?.Reason);
        Assert.Equal(new KubeletAdmission.Rejection("PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS"), KubeletAdmission.Check(field, Node(), []));
    }
}
