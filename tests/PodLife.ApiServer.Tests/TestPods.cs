using k8s.Models;

namespace PodLife.ApiServer.Tests;

/// <summary>Builds test pods: a name, one container per image, optional node and labels.</summary>
public static class TestPods
{
    public static V1Pod Pod(string name, string image = "busybox:1.36", string? node = null, IDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container { Name = "main", Image = image }],
        },
    };
}
