using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace PodLife.Core.Client;

/// <summary>
/// A request body already serialized as UTF-8 JSON, for <see cref="Utf8BodyKubernetes"/>: the bytes go on the wire as
/// they are, where KubernetesClient would serialize the body to a string and encode that string again (two copies of
/// every body, three for a patch built as a string). A patch carries it as its content (<c>new V1Patch(body, type)</c>)
/// so that the content type is still the patch's. Only a <see cref="Utf8BodyKubernetes"/> can send one.
/// </summary>
public sealed class Utf8Body
{
    Utf8Body(byte[] json) => Json = json;

    /// <summary>The JSON, UTF-8.</summary>
    public byte[] Json { get; }

    /// <summary>UTF-8 JSON that the caller built (it must be one valid JSON value).</summary>
    public static Utf8Body FromUtf8(byte[] json) => new(json ?? throw new ArgumentNullException(nameof(json)));

    /// <summary>
    /// A model serialized as KubernetesClient serializes a request body (its options, by the object's runtime type):
    /// the same bytes as the UTF-8 of <c>KubernetesJson.Serialize(model)</c>.
    /// </summary>
    public static Utf8Body Of(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(JsonSerializer.SerializeToUtf8Bytes(model, model.GetType(), ModelJson.EncodeOptions));
    }

    /// <summary>
    /// A JSON text (a patch's string content) as UTF-8. It is checked as KubernetesClient checks a patch string before
    /// sending it (<c>WriteRawValue</c>): not one valid JSON value throws <see cref="JsonException"/>.
    /// </summary>
    public static Utf8Body FromText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read()) { }
        return new(bytes);
    }

    /// <summary>
    /// A patch of <paramref name="model"/> (serialized as KubernetesClient serializes a body) for <paramref name="client"/>:
    /// as UTF-8 for a <see cref="Utf8BodyKubernetes"/>, as KubernetesClient's string for any other client.
    /// </summary>
    public static V1Patch Patch(IKubernetes client, object model, V1Patch.PatchType type) =>
        client is Utf8BodyKubernetes ? new V1Patch(Of(model), type) : new V1Patch(KubernetesJson.Serialize(model), type);

    /// <summary>
    /// The UTF-8 JSON KubernetesClient would send for <paramref name="body"/> (encoded from the string it serializes):
    /// a <see cref="Utf8Body"/>'s bytes, alone or as a patch's content; a patch string's UTF-8; a model serialized.
    /// Null for a patch whose content is something else (KubernetesClient refuses it; so will the caller).
    /// </summary>
    internal static byte[]? Encode(object body) => body switch
    {
        Utf8Body utf8 => utf8.Json,
        V1Patch { Content: Utf8Body utf8 } => utf8.Json,
        V1Patch { Content: string text } => FromText(text).Json,
        V1Patch => null,
        _ => Of(body).Json,
    };

    /// <summary>The JSON as text, for a client that sends bodies only as KubernetesClient serializes them.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Json);
}
