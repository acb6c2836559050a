using System.Globalization;
using k8s.Models;

namespace PodLife.Scheduler.Service;

/// <summary>The events.k8s.io/v1 events kube-scheduler records (schedule_one.go): Scheduled on binding, FailedScheduling otherwise.</summary>
public static class SchedulerEvents
{
    public static Eventsv1Event Scheduled(V1Pod pod, string nodeName, string controller, DateTimeOffset now) =>
        Create(pod, "Normal", "Scheduled", "Binding", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {nodeName}", controller, now);

    public static Eventsv1Event FailedScheduling(V1Pod pod, string message, string controller, DateTimeOffset now) =>
        Create(pod, "Warning", "FailedScheduling", "Scheduling", message, controller, now);

    /// <summary>On each preemption victim, naming the preemptor (preemption.go PreemptPod).</summary>
    public static Eventsv1Event Preempted(V1Pod victim, V1Pod preemptor, string nodeName, string controller, DateTimeOffset now)
    {
        var ev = Create(victim, "Normal", "Preempted", "Preempting", $"Preempted by pod {preemptor.Metadata.Uid} on node {nodeName}", controller, now);
        ev.Related = Reference(preemptor);
        return ev;
    }

    static Eventsv1Event Create(V1Pod pod, string type, string reason, string action, string note, string controller, DateTimeOffset now) => new()
    {
        ApiVersion = "events.k8s.io/v1",
        Kind = "Event",
        // client-go events: "<regarding name>.<UnixNano in hex>".
        Metadata = new V1ObjectMeta
        {
            Name = $"{pod.Metadata.Name}.{UnixNanos(now).ToString("x", CultureInfo.InvariantCulture)}",
            NamespaceProperty = pod.Metadata.NamespaceProperty,
        },
        EventTime = now.UtcDateTime,
        ReportingController = controller,
        ReportingInstance = $"{controller}-{Environment.MachineName}",
        Action = action,
        Reason = reason,
        Note = note,
        Type = type,
        Regarding = Reference(pod),
    };

    static V1ObjectReference Reference(V1Pod pod) => new()
    {
        Kind = "Pod", ApiVersion = "v1", Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty,
        Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion,
    };

    static long UnixNanos(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
