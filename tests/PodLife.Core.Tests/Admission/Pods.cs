using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

/// <summary>Small pods for the admission tests.</summary>
static class Pods
{
    /// <summary>The pod of `kubectl run web --image=nginx` before the server fills it in.</summary>
    public static V1Pod Raw(Action<V1Pod>? change = null)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["run"] = "web" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx" }] },
        };
        change?.Invoke(pod);
        return pod;
    }

    /// <summary>A raw pod with the server's defaults, changed afterwards (as a client would send it on update).</summary>
    public static V1Pod Defaulted(Action<V1Pod>? change = null)
    {
        var pod = PodDefaults.Apply(Raw(), "x7k2p");
        change?.Invoke(pod);
        return pod;
    }

    public static V1Container App(V1Pod pod) => pod.Spec.Containers[0];

    public static Dictionary<string, ResourceQuantity> Resources(string? cpu, string? memory)
    {
        var list = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null) list["cpu"] = new ResourceQuantity(cpu);
        if (memory is not null) list["memory"] = new ResourceQuantity(memory);
        return list;
    }

    public static string Json(object value) => k8s.KubernetesJson.Serialize(value);
}
