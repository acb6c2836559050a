using System.Text.Json;
using PodLife.Core.Client;

namespace PodLife.Core.Admission;

/// <summary>Copies of model objects through their JSON form, so rules never change what they were given.</summary>
static class DeepCopy
{
    // On UTF-8 bytes rather than through a string (KubernetesJson's Serialize/Deserialize): the same JSON, without
    // transcoding it to UTF-16 and back on every copy.
    static JsonSerializerOptions Options => ModelJson.Options;

    public static T Of<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;
}
