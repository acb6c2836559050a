using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Printing;

/// <summary>
/// Reads from a pod's UTF-8 JSON only what <see cref="PodColumns"/> prints, into a <see cref="V1Pod"/> that holds
/// nothing else. A page of `kubectl get pods` reads 500 stored pods, and the serializer's general decoding, even of the
/// trimmed model of <see cref="PodColumns.DecodeOptions"/>, was most of the page's cost: this walks the bytes once,
/// skipping what no column reads, and makes a dozen small objects per pod.
/// </summary>
/// <remarks>
/// The fields read are those PodColumns and PodStatusSummary use; a property test checks that the rows equal those of
/// a full decode. A value of an unexpected JSON type makes <see cref="Read"/> return null, so the caller can fall back
/// to the serializer and its error.
/// </remarks>
public static class PrintedPodJson
{
    public static V1Pod? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.StartObject ? Pod(ref reader) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    static V1Pod Pod(ref Utf8JsonReader r)
    {
        var pod = new V1Pod();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8)) pod.Metadata = Object(ref r, Metadata);
            else if (r.ValueTextEquals("spec"u8)) pod.Spec = Object(ref r, Spec);
            else if (r.ValueTextEquals("status"u8)) pod.Status = Object(ref r, Status);
            else SkipValue(ref r);
        }
        return pod;
    }

    delegate T ObjectReader<out T>(ref Utf8JsonReader r);

    static V1ObjectMeta Metadata(ref Utf8JsonReader r)
    {
        var meta = new V1ObjectMeta();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8)) meta.Name = String(ref r);
            else if (r.ValueTextEquals("creationTimestamp"u8)) meta.CreationTimestamp = Time(ref r);
            else if (r.ValueTextEquals("deletionTimestamp"u8)) meta.DeletionTimestamp = Time(ref r);
            else SkipValue(ref r);
        }
        return meta;
    }

    static V1PodSpec Spec(ref Utf8JsonReader r)
    {
        var spec = new V1PodSpec();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("containers"u8)) spec.Containers = Array(ref r, Container);
            else if (r.ValueTextEquals("initContainers"u8)) spec.InitContainers = Array(ref r, Container);
            else if (r.ValueTextEquals("nodeName"u8)) spec.NodeName = String(ref r);
            else if (r.ValueTextEquals("readinessGates"u8)) spec.ReadinessGates = Array(ref r, ReadinessGate);
            else SkipValue(ref r);
        }
        return spec;
    }

    // The name, and restartPolicy: an init container that always restarts is a sidecar, counted in READY.
    static V1Container Container(ref Utf8JsonReader r)
    {
        var container = new V1Container();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8)) container.Name = String(ref r);
            else if (r.ValueTextEquals("restartPolicy"u8)) container.RestartPolicy = String(ref r);
            else SkipValue(ref r);
        }
        return container;
    }

    static V1PodReadinessGate ReadinessGate(ref Utf8JsonReader r)
    {
        var gate = new V1PodReadinessGate();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("conditionType"u8)) gate.ConditionType = String(ref r);
            else SkipValue(ref r);
        }
        return gate;
    }

    static V1PodStatus Status(ref Utf8JsonReader r)
    {
        var status = new V1PodStatus();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("phase"u8)) status.Phase = String(ref r);
            else if (r.ValueTextEquals("reason"u8)) status.Reason = String(ref r);
            else if (r.ValueTextEquals("conditions"u8)) status.Conditions = Array(ref r, Condition);
            else if (r.ValueTextEquals("containerStatuses"u8)) status.ContainerStatuses = Array(ref r, ContainerStatus);
            else if (r.ValueTextEquals("initContainerStatuses"u8)) status.InitContainerStatuses = Array(ref r, ContainerStatus);
            else if (r.ValueTextEquals("podIP"u8)) status.PodIP = String(ref r);
            else if (r.ValueTextEquals("podIPs"u8)) status.PodIPs = Array(ref r, PodIp);
            else if (r.ValueTextEquals("nominatedNodeName"u8)) status.NominatedNodeName = String(ref r);
            else SkipValue(ref r);
        }
        return status;
    }

    // Conditions are read for their type, status and reason.
    static V1PodCondition Condition(ref Utf8JsonReader r)
    {
        var condition = new V1PodCondition();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("type"u8)) condition.Type = String(ref r);
            else if (r.ValueTextEquals("status"u8)) condition.Status = String(ref r);
            else if (r.ValueTextEquals("reason"u8)) condition.Reason = String(ref r);
            else SkipValue(ref r);
        }
        return condition;
    }

    static V1PodIP PodIp(ref Utf8JsonReader r)
    {
        var ip = new V1PodIP();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("ip"u8)) ip.Ip = String(ref r);
            else SkipValue(ref r);
        }
        return ip;
    }

    static V1ContainerStatus ContainerStatus(ref Utf8JsonReader r)
    {
        var status = new V1ContainerStatus();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8)) status.Name = String(ref r);
            else if (r.ValueTextEquals("ready"u8)) status.Ready = Boolean(ref r) ?? false;
            else if (r.ValueTextEquals("started"u8)) status.Started = Boolean(ref r);
            else if (r.ValueTextEquals("restartCount"u8)) status.RestartCount = Int(ref r) ?? 0;
            else if (r.ValueTextEquals("state"u8)) status.State = Object(ref r, State);
            else if (r.ValueTextEquals("lastState"u8)) status.LastState = Object(ref r, State);
            else SkipValue(ref r);
        }
        return status;
    }

    // States for their reasons, exit codes and signals, and when they finished (RESTARTS says how long ago).
    static V1ContainerState State(ref Utf8JsonReader r)
    {
        var state = new V1ContainerState();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("running"u8)) state.Running = Object(ref r, Running);
            else if (r.ValueTextEquals("waiting"u8)) state.Waiting = Object(ref r, Waiting);
            else if (r.ValueTextEquals("terminated"u8)) state.Terminated = Object(ref r, Terminated);
            else SkipValue(ref r);
        }
        return state;
    }

    static V1ContainerStateRunning Running(ref Utf8JsonReader r)
    {
        while (NextProperty(ref r)) SkipValue(ref r);
        return new V1ContainerStateRunning();
    }

    static V1ContainerStateWaiting Waiting(ref Utf8JsonReader r)
    {
        var waiting = new V1ContainerStateWaiting();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("reason"u8)) waiting.Reason = String(ref r);
            else SkipValue(ref r);
        }
        return waiting;
    }

    static V1ContainerStateTerminated Terminated(ref Utf8JsonReader r)
    {
        var terminated = new V1ContainerStateTerminated();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("reason"u8)) terminated.Reason = String(ref r);
            else if (r.ValueTextEquals("exitCode"u8)) terminated.ExitCode = Int(ref r) ?? 0;
            else if (r.ValueTextEquals("signal"u8)) terminated.Signal = Int(ref r);
            else if (r.ValueTextEquals("finishedAt"u8)) terminated.FinishedAt = Time(ref r);
            else SkipValue(ref r);
        }
        return terminated;
    }

    // At a property name of the open object: true; at its end: false.
    static bool NextProperty(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

    static void SkipValue(ref Utf8JsonReader r)
    {
        r.Read();
        r.Skip();
    }

    // null for JSON null, as the serializer leaves a nullable member.
    static T? Object<T>(ref Utf8JsonReader r, ObjectReader<T> read) where T : class
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
        return read(ref r);
    }

    static List<T>? Array<T>(ref Utf8JsonReader r, ObjectReader<T> read) where T : class
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartArray) throw new JsonException("not an array");
        var items = new List<T>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
            items.Add(read(ref r));
        }
        return items;
    }

    static string? String(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Null ? null : r.GetString();
    }

    static bool? Boolean(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Null ? null : r.GetBoolean();
    }

    static int? Int(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Null ? null : r.GetInt32();
    }

    // Through the client's own converter, so a time reads exactly as the serializer reads it.
    static DateTime? Time(ref Utf8JsonReader r)
    {
        r.Read();
        return JsonSerializer.Deserialize<DateTime?>(ref r, ModelJson.DecodeOptions);
    }
}
