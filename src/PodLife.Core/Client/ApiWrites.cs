using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace PodLife.Core.Client;

/// <summary>
/// Writes whose answer the caller does not use, or only its resourceVersion (a pod's status patch, an event, a delete):
/// the same requests through the same KubernetesClient pipeline (credentials, per-request timeout,
/// <see cref="k8s.Autorest.HttpOperationException"/> on an error status, so conflict and not-found paths are unchanged),
/// but the answer's object is skipped instead of decoded into a model. They go through the client's custom-object
/// operations, whose URL rule turns the empty group of the core API into <c>/api/v1/...</c>; the body is serialized as
/// by the typed operations (a <see cref="V1Patch"/> with its own content type). A <see cref="Utf8BodyKubernetes"/>
/// sends the bodies as UTF-8 bytes serialized once.
/// </summary>
public static class ApiWrites
{
    /// <summary>PATCH pods/status of <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public static async Task PatchPodStatusAsync(IKubernetes client, V1Patch patch, string ns, string name, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<Skipped>(
            patch, "", "v1", ns, "pods", name, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// PATCH pods/status of <paramref name="ns"/>/<paramref name="name"/> with a merge patch already in UTF-8; returns
    /// the resourceVersion of the pod in the answer (the rest of the answer is skipped).
    /// </summary>
    public static async Task<string?> PatchPodStatusAsync(IKubernetes client, Utf8Body mergePatch, string ns, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mergePatch);
        var patch = client is Utf8BodyKubernetes
            ? new V1Patch(mergePatch, V1Patch.PatchType.MergePatch)
            : new V1Patch(mergePatch.ToString(), V1Patch.PatchType.MergePatch);
        using var answer = await client.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<WrittenVersion>(
            patch, "", "v1", ns, "pods", name, cancellationToken: ct).ConfigureAwait(false);
        return answer.Body?.ResourceVersion;
    }

    /// <summary>DELETE a pod with <paramref name="options"/> as the body and <paramref name="gracePeriodSeconds"/> in the query.</summary>
    public static async Task DeletePodAsync(IKubernetes client, string ns, string name, V1DeleteOptions? options, int? gracePeriodSeconds = null,
        CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            "", "v1", ns, "pods", name, options, gracePeriodSeconds, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>
    /// DELETE the pods of <paramref name="ns"/> (those of <paramref name="labelSelector"/> when given) as one
    /// deletecollection; its answer, a list of every pod deleted, is skipped.
    /// </summary>
    public static async Task DeletePodsAsync(IKubernetes client, string ns, string? labelSelector = null, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.DeleteCollectionNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            "", "v1", ns, "pods", labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>PATCH nodes/status of <paramref name="name"/>.</summary>
    public static async Task PatchNodeStatusAsync(IKubernetes client, V1Patch patch, string name, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.PatchClusterCustomObjectStatusWithHttpMessagesAsync<Skipped>(
            patch, "", "v1", "nodes", name, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>POST a core/v1 Event into <paramref name="ns"/>.</summary>
    public static async Task CreateCoreEventAsync(IKubernetes client, Corev1Event ev, string ns, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            ev, "", "v1", ns, "events", cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>PATCH a core/v1 Event.</summary>
    public static async Task PatchCoreEventAsync(IKubernetes client, V1Patch patch, string ns, string name, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            patch, "", "v1", ns, "events", name, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>POST an events.k8s.io/v1 Event into <paramref name="ns"/>.</summary>
    public static async Task CreateEventAsync(IKubernetes client, Eventsv1Event ev, string ns, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            ev, "events.k8s.io", "v1", ns, "events", cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>PATCH an events.k8s.io/v1 Event.</summary>
    public static async Task PatchEventAsync(IKubernetes client, V1Patch patch, string ns, string name, CancellationToken ct = default)
    {
        using var _ = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<Skipped>(
            patch, "events.k8s.io", "v1", ns, "events", name, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>An answer read to its end and not kept: the JSON is checked but no object or string is made.</summary>
    [JsonConverter(typeof(SkippedConverter))]
    public sealed class Skipped
    {
        internal static readonly Skipped Value = new();
    }

    /// <summary>An answer of which only the object's metadata.resourceVersion is read; the rest is skipped.</summary>
    [JsonConverter(typeof(WrittenVersionConverter))]
    public sealed class WrittenVersion
    {
        public string? ResourceVersion { get; init; }
    }

    sealed class WrittenVersionConverter : JsonConverter<WrittenVersion>
    {
        public override WrittenVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string? version = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return new WrittenVersion();
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var metadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (metadata && reader.TokenType == JsonTokenType.StartObject) version = ReadVersion(ref reader);
                else reader.Skip();
            }
            return new WrittenVersion { ResourceVersion = version };
        }

        // Inside metadata: its resourceVersion, the other fields skipped; ends on metadata's closing brace.
        static string? ReadVersion(ref Utf8JsonReader reader)
        {
            string? version = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("resourceVersion"u8);
                reader.Read();
                if (isVersion && reader.TokenType == JsonTokenType.String) version = reader.GetString();
                else reader.Skip();
            }
            return version;
        }

        public override void Write(Utf8JsonWriter writer, WrittenVersion value, JsonSerializerOptions options) => writer.WriteNullValue();
    }

    sealed class SkippedConverter : JsonConverter<Skipped>
    {
        public override Skipped Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return Skipped.Value;
        }

        public override void Write(Utf8JsonWriter writer, Skipped value, JsonSerializerOptions options) => writer.WriteNullValue();
    }
}
