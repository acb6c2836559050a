using System.Text.Json;
using k8s;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Node.Agent;

namespace PodLife.Node.Tests.Agent;

/// <summary>A node decodes watched pods without what it never reads, and keeps everything its workers do read.</summary>
public sealed class NodePodDecodeTests
{
    static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web", NamespaceProperty = "default", Uid = "uid-web", Labels = new Dictionary<string, string> { ["app"] = "web" },
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }],
        },
        Spec = new V1PodSpec
        {
            NodeName = "node-1",
            Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "3600"] }],
            Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "DeletionByTaintManager" }],
            QosClass = "BestEffort",
            PodIP = "10.244.0.5",
            PodIPs = [new V1PodIP { Ip = "10.244.0.5" }],
            HostIP = "10.0.0.1",
            HostIPs = [new V1HostIP { Ip = "10.0.0.1" }],
            ContainerStatuses = [new V1ContainerStatus { Name = "main", Ready = true, RestartCount = 2 }],
        },
    };

    [Fact]
    public void A_watched_pod_keeps_its_spec_labels_phase_and_conditions_without_container_statuses_IPs_or_managed_fields()
    {
        var decoded = JsonSerializer.Deserialize<V1Pod>(JsonSerializer.SerializeToUtf8Bytes(Pod(), ModelJson.Options), NodePodDecode.Options)!;

        var expected = Pod();
        expected.Metadata.ManagedFields = null;
        expected.Status.ContainerStatuses = null;
        (expected.Status.PodIP, expected.Status.PodIPs, expected.Status.HostIP, expected.Status.HostIPs) = (null, null, null, null);
        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(decoded));
        Assert.Equal("sleep", decoded.Spec.Containers[0].Command[0]);
    }
}
