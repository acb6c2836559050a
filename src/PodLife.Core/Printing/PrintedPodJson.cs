using System.Text.Json;
using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>
/// Reads from a pod's UTF-8 JSON only what <see cref="PodColumns"/> prints, into a <see cref="V1Pod"/> that holds
/// nothing else. A page of `kubectl get pods` reads 500 stored pods, and the serializer's general decoding, even of the
/// trimmed model of <see cref="PodColumns.DecodeOptions"/>, was most of the page's cost: this walks the bytes once with a
/// <see cref="JsonCursor"/>, skipping what no column reads without tokenizing it, and makes a dozen small objects per pod.
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
        var cursor = new JsonCursor(json);
        try
        {
            return cursor.EnterObject() ? Pod(ref cursor) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static V1Pod Pod(ref JsonCursor r)
    {
        var pod = new V1Pod();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("metadata"u8)) pod.Metadata = Object(ref r, Metadata);
            else if (name.SequenceEqual("spec"u8)) pod.Spec = Object(ref r, Spec);
            else if (name.SequenceEqual("status"u8)) pod.Status = Object(ref r, Status);
            else r.Skip();
        }
        return pod;
    }

    delegate T ObjectReader<out T>(ref JsonCursor r);

    static V1ObjectMeta Metadata(ref JsonCursor r)
    {
        var meta = new V1ObjectMeta();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("name"u8)) meta.Name = r.String();
            else if (name.SequenceEqual("creationTimestamp"u8)) meta.CreationTimestamp = r.Time();
            else if (name.SequenceEqual("deletionTimestamp"u8)) meta.DeletionTimestamp = r.Time();
            else r.Skip();
        }
        return meta;
    }

    static V1PodSpec Spec(ref JsonCursor r)
    {
        var spec = new V1PodSpec();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("containers"u8)) spec.Containers = Array(ref r, Container);
            else if (name.SequenceEqual("initContainers"u8)) spec.InitContainers = Array(ref r, Container);
            else if (name.SequenceEqual("nodeName"u8)) spec.NodeName = r.String();
            else if (name.SequenceEqual("readinessGates"u8)) spec.ReadinessGates = Array(ref r, ReadinessGate);
            else r.Skip();
        }
        return spec;
    }

    // The name, and restartPolicy: an init container that always restarts is a sidecar, counted in READY.
    static V1Container Container(ref JsonCursor r)
    {
        var container = new V1Container();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("name"u8)) container.Name = r.String();
            else if (name.SequenceEqual("restartPolicy"u8)) container.RestartPolicy = r.String();
            else r.Skip();
        }
        return container;
    }

    static V1PodReadinessGate ReadinessGate(ref JsonCursor r)
    {
        var gate = new V1PodReadinessGate();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("conditionType"u8)) gate.ConditionType = r.String();
            else r.Skip();
        }
        return gate;
    }

    static V1PodStatus Status(ref JsonCursor r)
    {
        var status = new V1PodStatus();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("phase"u8)) status.Phase = r.String();
            else if (name.SequenceEqual("reason"u8)) status.Reason = r.String();
            else if (name.SequenceEqual("conditions"u8)) status.Conditions = Array(ref r, Condition);
            else if (name.SequenceEqual("containerStatuses"u8)) status.ContainerStatuses = Array(ref r, ContainerStatus);
            else if (name.SequenceEqual("initContainerStatuses"u8)) status.InitContainerStatuses = Array(ref r, ContainerStatus);
            else if (name.SequenceEqual("podIP"u8)) status.PodIP = r.String();
            else if (name.SequenceEqual("podIPs"u8)) status.PodIPs = Array(ref r, PodIp);
            else if (name.SequenceEqual("nominatedNodeName"u8)) status.NominatedNodeName = r.String();
            else r.Skip();
        }
        return status;
    }

    // Conditions are read for their type, status and reason.
    static V1PodCondition Condition(ref JsonCursor r)
    {
        var condition = new V1PodCondition();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("type"u8)) condition.Type = r.String();
            else if (name.SequenceEqual("status"u8)) condition.Status = r.String();
            else if (name.SequenceEqual("reason"u8)) condition.Reason = r.String();
            else r.Skip();
        }
        return condition;
    }

    static V1PodIP PodIp(ref JsonCursor r)
    {
        var ip = new V1PodIP();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("ip"u8)) ip.Ip = r.String();
            else r.Skip();
        }
        return ip;
    }

    static V1ContainerStatus ContainerStatus(ref JsonCursor r)
    {
        var status = new V1ContainerStatus();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("name"u8)) status.Name = r.String();
            else if (name.SequenceEqual("ready"u8)) status.Ready = r.Boolean() ?? false;
            else if (name.SequenceEqual("started"u8)) status.Started = r.Boolean();
            else if (name.SequenceEqual("restartCount"u8)) status.RestartCount = r.Int() ?? 0;
            else if (name.SequenceEqual("state"u8)) status.State = Object(ref r, State);
            else if (name.SequenceEqual("lastState"u8)) status.LastState = Object(ref r, State);
            else r.Skip();
        }
        return status;
    }

    // States for their reasons, exit codes and signals, and when they finished (RESTARTS says how long ago).
    static V1ContainerState State(ref JsonCursor r)
    {
        var state = new V1ContainerState();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("running"u8)) state.Running = Object(ref r, Running);
            else if (name.SequenceEqual("waiting"u8)) state.Waiting = Object(ref r, Waiting);
            else if (name.SequenceEqual("terminated"u8)) state.Terminated = Object(ref r, Terminated);
            else r.Skip();
        }
        return state;
    }

    static V1ContainerStateRunning Running(ref JsonCursor r)
    {
        while (r.NextProperty(out _)) r.Skip();
        return new V1ContainerStateRunning();
    }

    static V1ContainerStateWaiting Waiting(ref JsonCursor r)
    {
        var waiting = new V1ContainerStateWaiting();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("reason"u8)) waiting.Reason = r.String();
            else r.Skip();
        }
        return waiting;
    }

    static V1ContainerStateTerminated Terminated(ref JsonCursor r)
    {
        var terminated = new V1ContainerStateTerminated();
        while (r.NextProperty(out var name))
        {
            if (name.SequenceEqual("reason"u8)) terminated.Reason = r.String();
            else if (name.SequenceEqual("exitCode"u8)) terminated.ExitCode = r.Int() ?? 0;
            else if (name.SequenceEqual("signal"u8)) terminated.Signal = r.Int();
            else if (name.SequenceEqual("finishedAt"u8)) terminated.FinishedAt = r.Time();
            else r.Skip();
        }
        return terminated;
    }

    // null for JSON null, as the serializer leaves a nullable member.
    static T? Object<T>(ref JsonCursor r, ObjectReader<T> read) where T : class => r.EnterObject() ? read(ref r) : null;

    static List<T>? Array<T>(ref JsonCursor r, ObjectReader<T> read) where T : class
    {
        if (!r.EnterArray()) return null;
        var items = new List<T>();
        while (r.NextItem())
        {
            if (!r.EnterObject()) throw new JsonException("null in an array of objects");
            items.Add(read(ref r));
        }
        return items;
    }
}
