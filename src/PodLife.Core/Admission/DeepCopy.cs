using System.Text.Json;
using k8s;

namespace PodLife.Core.Admission;

/// <summary>Copies of model objects through their JSON form, so rules never change what they were given.</summary>
static class DeepCopy
{
    // KubernetesClient's own serializer options, used on UTF-8 bytes rather than through a string (KubernetesJson's
    // Serialize/Deserialize): the same JSON, without transcoding it to UTF-16 and back on every copy.
    static readonly JsonSerializerOptions Options = CaptureOptions();

    static JsonSerializerOptions CaptureOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not hand out its serializer options");
    }

    public static T Of<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;
}
