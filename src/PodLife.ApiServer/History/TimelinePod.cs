using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.History;

/// <summary>
/// A stored pod as the timeline rules see it: a <see cref="V1Pod"/> holding only the fields that
/// <see cref="Core.History.TimelineRecording.PodWritten"/> reads (through PodTransitions, PodStage and PodStatusSummary),
/// decoded without the rest of the pod. The recorder decodes two pods on every pod write; the spec's containers (images,
/// env, mounts, resources), its volumes and the metadata's managed fields were most of what that cost.
/// </summary>
/// <remarks>
/// Read by the rules: metadata name, namespace, uid, labels and deletionTimestamp; spec nodeName, restartPolicy,
/// readinessGates and the name and restartPolicy of each container and init container; the whole status. A rule that
/// comes to read another field must add it here (TimelinePodTests compare the timelines of full and partial pods).
/// </remarks>
public static class TimelinePod
{
    static readonly string[] MetadataFields = ["name", "namespace", "uid", "labels", "deletionTimestamp"];
    static readonly string[] SpecFields = ["nodeName", "restartPolicy", "readinessGates"];
    static readonly string[] ContainerLists = ["initContainers", "containers"];
    static readonly string[] ContainerFields = ["name", "restartPolicy"];

    /// <summary>The pod being written: what the rules read of metadata and spec, and its status.</summary>
    public static V1Pod Of(JsonObject pod) => Decode(pod, withMetadataAndSpec: true);

    /// <summary>The pod's previous version: only its status, all that the transitions compare.</summary>
    public static V1Pod StatusOf(JsonObject pod) => Decode(pod, withMetadataAndSpec: false);

    const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic] static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] static Utf8JsonWriter? t_writer;

    static V1Pod Decode(JsonObject pod, bool withMetadataAndSpec)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var w = t_writer ??= new Utf8JsonWriter(buffer);
        w.Reset(buffer);
        try
        {
            w.WriteStartObject();
            if (withMetadataAndSpec)
            {
                WriteObject(w, pod, "metadata", MetadataFields);
                if (pod["spec"] is JsonObject spec)
                {
                    w.WriteStartObject("spec");
                    foreach (var field in SpecFields) Copy(w, spec, field);
                    foreach (var list in ContainerLists) WriteContainers(w, spec, list);
                    w.WriteEndObject();
                }
            }
            Copy(w, pod, "status");
            w.WriteEndObject();
            w.Flush();
            return ObjectCodec.As<V1Pod>(buffer.WrittenSpan);
        }
        finally
        {
            w.Reset();
            if (buffer.Capacity > MaxKeptBuffer) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
    }

    static void WriteObject(Utf8JsonWriter w, JsonObject parent, string name, string[] fields)
    {
        if (!parent.TryGetPropertyValue(name, out var node)) return;
        w.WritePropertyName(name);
        if (node is not JsonObject obj)
        {
            WriteNode(w, node);
            return;
        }
        w.WriteStartObject();
        foreach (var field in fields) Copy(w, obj, field);
        w.WriteEndObject();
    }

    static void WriteContainers(Utf8JsonWriter w, JsonObject spec, string name)
    {
        if (!spec.TryGetPropertyValue(name, out var node)) return;
        w.WritePropertyName(name);
        if (node is not JsonArray list)
        {
            WriteNode(w, node);
            return;
        }
        w.WriteStartArray();
        foreach (var item in list)
        {
            if (item is not JsonObject container)
            {
                WriteNode(w, item);
                continue;
            }
            w.WriteStartObject();
            foreach (var field in ContainerFields) Copy(w, container, field);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void Copy(Utf8JsonWriter w, JsonObject from, string name)
    {
        if (!from.TryGetPropertyValue(name, out var node)) return;
        w.WritePropertyName(name);
        WriteNode(w, node);
    }

    static void WriteNode(Utf8JsonWriter w, JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }
}
