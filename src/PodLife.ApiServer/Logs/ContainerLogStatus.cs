using k8s.Models;

namespace PodLife.ApiServer.Logs;

/// <summary>
/// Whether a container has a log to read, decided from the pod's status as kubelet decides it
/// (validateContainerLogStatus, pkg/kubelet/kubelet_pods.go); the message is kubelet's, which kubectl prints.
/// </summary>
public static class ContainerLogStatus
{
    /// <summary>Null when the (current or previous) instance has a log; otherwise why not.</summary>
    public static string? WhyNoLog(V1PodStatus? status, string pod, string container, bool previous)
    {
        if (StatusOf(status, container) is not { } found) return $"container \"{container}\" in pod \"{pod}\" is not available";
        var last = found.LastState?.Terminated;
        var state = found.State;
        if (previous)
            return string.IsNullOrEmpty(last?.ContainerID) ? $"previous terminated container \"{container}\" in pod \"{pod}\" not found" : null;
        if (state?.Running is not null) return null;
        // A terminated instance whose successor did not start has no ID of its own; its predecessor's log is shown.
        if (state?.Terminated is { } terminated)
            return !string.IsNullOrEmpty(terminated.ContainerID) || !string.IsNullOrEmpty(last?.ContainerID) ? null : Terminated(container, pod);
        if (last is not null) return string.IsNullOrEmpty(last.ContainerID) ? Terminated(container, pod) : null;
        if (state?.Waiting is { } waiting)
        {
            return waiting.Reason switch
            {
                "ErrImagePull" => $"container \"{container}\" in pod \"{pod}\" is waiting to start: image can't be pulled",
                "ImagePullBackOff" => $"container \"{container}\" in pod \"{pod}\" is waiting to start: trying and failing to pull image",
                var reason => $"container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}",
            };
        }
        return $"container \"{container}\" in pod \"{pod}\" is waiting to start - no logs yet";
    }

    static string Terminated(string container, string pod) => $"container \"{container}\" in pod \"{pod}\" is terminated";

    static V1ContainerStatus? StatusOf(V1PodStatus? status, string container) =>
        Find(status?.ContainerStatuses, container) ?? Find(status?.InitContainerStatuses, container)
            ?? Find(status?.EphemeralContainerStatuses, container);

    static V1ContainerStatus? Find(IEnumerable<V1ContainerStatus>? statuses, string name) => statuses?.FirstOrDefault(s => s.Name == name);
}
