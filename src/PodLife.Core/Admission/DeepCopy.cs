using k8s;

namespace PodLife.Core.Admission;

/// <summary>Copies of model objects through their JSON form, so rules never change what they were given.</summary>
static class DeepCopy
{
    public static T Of<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
