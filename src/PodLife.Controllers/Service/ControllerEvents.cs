using System.Globalization;
using k8s.Models;

namespace PodLife.Controllers.Service;

/// <summary>core/v1 events as kube-controller-manager's legacy recorders write them: source.component, first/last timestamps, count 1.</summary>
public static class ControllerEvents
{
    public const string NodeController = "node-controller";
    public const string TaintEvictionController = "taint-eviction-controller";

    public static Corev1Event ForPod(V1Pod pod, string type, string reason, string message, string component, DateTimeOffset now) =>
        Create(new V1ObjectReference
        {
            Kind = "Pod", ApiVersion = "v1", Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty,
            Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion,
        }, pod.Metadata.NamespaceProperty, type, reason, message, component, now);

    /// <summary>
    /// Node events live in the default namespace, as the recorder puts cluster-scoped objects' events. The controller's
    /// refer to the Node by its UID (nodeutil.RecordNodeEvent); kubelet's own use the node's name in its place.
    /// </summary>
    public static Corev1Event ForNode(V1Node node, string type, string reason, string message, string component, DateTimeOffset now) =>
        Create(new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = node.Metadata.Name, Uid = node.Metadata.Uid },
            "default", type, reason, message, component, now);

    static Corev1Event Create(V1ObjectReference involved, string ns, string type, string reason, string message, string component, DateTimeOffset now) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta
        {
            Name = $"{involved.Name}.{((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString("x", CultureInfo.InvariantCulture)}",
            NamespaceProperty = ns,
        },
        InvolvedObject = involved,
        Type = type,
        Reason = reason,
        Message = message,
        Source = new V1EventSource { Component = component },
        ReportingComponent = component,
        FirstTimestamp = now.UtcDateTime,
        LastTimestamp = now.UtcDateTime,
        Count = 1,
    };
}
