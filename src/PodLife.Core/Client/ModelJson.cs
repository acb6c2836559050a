using System.Text.Json;
using k8s;

namespace PodLife.Core.Client;

/// <summary>
/// KubernetesClient's own serializer options (its converters for quantities, IntOrString, timestamps), for decoding
/// and encoding models straight from and to UTF-8 bytes or JSON trees, without KubernetesJson's detour through strings.
/// </summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = Capture();

    static JsonSerializerOptions Capture()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not hand out its serializer options");
    }
}
