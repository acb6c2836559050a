using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.ApiServer.History;

/// <summary>
/// A stored pod as the timeline rules see it: a <see cref="V1Pod"/> holding only the fields that
/// <see cref="Core.History.TimelineRecording.PodWritten"/> reads (through PodTransitions, PodStage and PodStatusSummary),
/// decoded without the rest of the pod. The recorder decodes two pods on every pod write; the spec's containers (images,
/// env, mounts, resources), its volumes and the metadata's managed fields were most of what that cost.
/// </summary>
/// <remarks>
/// Read by the rules: metadata name, namespace, uid, labels and deletionTimestamp; spec nodeName, restartPolicy,
/// readinessGates and the name and restartPolicy of each container and init container; of the status its phase, reason,
/// message, conditions and container statuses (each one's name, state, lastState, ready, started and restartCount).
/// A rule that comes to read another field must add it here (TimelinePodTests compare the timelines of whole and
/// partial pods). Metadata and spec are taken from the tree by hand; the status is decoded on its own, because the
/// serializer's frame stack grows (a kilobyte and more) once an object nests six deep, as a container's terminated state
/// does under a whole pod.
/// </remarks>
public static class TimelinePod
{
    static readonly string[] StatusFields =
        ["phase", "reason", "message", "conditions", "initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"];
    static readonly string[] ContainerStatusLists = ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"];
    static readonly string[] ContainerStatusFields = ["name", "state", "lastState", "ready", "started", "restartCount"];

    /// <summary>The pod being written: what the rules read of metadata and spec, and its status.</summary>
    public static V1Pod Of(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new V1Pod { Metadata = Metadata(pod["metadata"]), Spec = Spec(pod["spec"]), Status = Status(pod) };
    }

    /// <summary>The pod's previous version: only its status, all that the transitions compare.</summary>
    public static V1Pod StatusOf(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new V1Pod { Status = Status(pod) };
    }

    static V1ObjectMeta? Metadata(JsonNode? node) => node is not JsonObject meta ? null : new V1ObjectMeta
    {
        Name = Str(meta["name"]),
        NamespaceProperty = Str(meta["namespace"]),
        Uid = Str(meta["uid"]),
        Labels = meta["labels"] is JsonObject labels ? Labels(labels) : null,
        DeletionTimestamp = meta["deletionTimestamp"] is { } deleting ? deleting.Deserialize<DateTime?>(ModelJson.Options) : null,
    };

    static Dictionary<string, string> Labels(JsonObject labels)
    {
        var result = new Dictionary<string, string>(labels.Count);
        foreach (var (key, value) in labels) result[key] = Str(value)!;
        return result;
    }

    static V1PodSpec? Spec(JsonNode? node) => node is not JsonObject spec ? null : new V1PodSpec
    {
        NodeName = Str(spec["nodeName"]),
        RestartPolicy = Str(spec["restartPolicy"]),
        ReadinessGates = List(spec["readinessGates"], g => new V1PodReadinessGate { ConditionType = Str(g["conditionType"]) }),
        InitContainers = List(spec["initContainers"], Container),
        Containers = List(spec["containers"], Container),
    };

    static V1Container Container(JsonObject c) => new() { Name = Str(c["name"]), RestartPolicy = Str(c["restartPolicy"]) };

    static List<T>? List<T>(JsonNode? node, Func<JsonObject, T> item) where T : class
    {
        if (node is not JsonArray array) return null;
        var list = new List<T>(array.Count);
        foreach (var element in array) list.Add(element is JsonObject o ? item(o) : null!);
        return list;
    }

    static string? Str(JsonNode? node) => node?.GetValue<string>();

    static V1PodStatus? Status(JsonObject pod)
    {
        if (!pod.TryGetPropertyValue("status", out var node) || node is not JsonObject status) return null;
        return ScratchJson.Decode<V1PodStatus, JsonObject>(status, static (w, status) =>
        {
            w.WriteStartObject();
            foreach (var field in StatusFields)
            {
                if (Array.IndexOf(ContainerStatusLists, field) >= 0) WriteList(w, status, field, ContainerStatusFields);
                else Copy(w, status, field);
            }
            w.WriteEndObject();
        });
    }

    static void WriteList(Utf8JsonWriter w, JsonObject parent, string name, string[] fields)
    {
        if (!parent.TryGetPropertyValue(name, out var node)) return;
        w.WritePropertyName(name);
        if (node is not JsonArray list)
        {
            WriteNode(w, node);
            return;
        }
        w.WriteStartArray();
        foreach (var item in list)
        {
            if (item is not JsonObject obj)
            {
                WriteNode(w, item);
                continue;
            }
            w.WriteStartObject();
            foreach (var field in fields) Copy(w, obj, field);
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
