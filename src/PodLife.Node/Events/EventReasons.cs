namespace PodLife.Node.Events;

/// <summary>Kubelet's event reasons and the messages that are not image or back-off specific (pkg/kubelet/events/event.go).</summary>
public static class EventReasons
{
    public const string Created = "Created";
    public const string Started = "Started";
    public const string Killing = "Killing";
    public const string Unhealthy = "Unhealthy";
    public const string ProbeWarning = "ProbeWarning";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string Failed = "Failed";
    public const string BackOff = "BackOff";
    public const string FailedPreStopHook = "FailedPreStopHook";
    public const string FailedPostStartHook = "FailedPostStartHook";
    public const string FailedCreatePodSandBox = "FailedCreatePodSandBox";
    public const string FailedMount = "FailedMount";

    /// <summary>Normal Created as 1.32+ kubelets word it.</summary>
    public static string CreatedMessage(string container) => $"Created container: {container}";

    public static string StartedMessage(string container) => $"Started container {container}";

    public static string StoppingMessage(string container) => $"Stopping container {container}";

    /// <summary>Killing after the container's spec changed in the pod (a new image): "Container c definition changed, will be restarted".</summary>
    public static string DefinitionChangedMessage(string container) => $"Container {container} definition changed, will be restarted";

    /// <summary>Killing after a liveness or startup probe gave up: "Container c failed liveness probe, will be restarted".</summary>
    public static string FailedProbeMessage(string container, string probe) =>
        $"Container {container} failed {probe} probe, will be restarted";

    /// <summary>
    /// The hook events' messages since 1.26: kubelet leaves the handler's output out of the event so that no secret
    /// leaks through it (kuberuntime_container.go); a failed postStart's output goes to the container's waiting message.
    /// </summary>
    public const string PostStartHookFailedMessage = "PostStartHook failed";
    public const string PreStopHookFailedMessage = "PreStopHook failed";

    /// <summary>Killing after a failed postStart hook: kubelet passes the reason as the message.</summary>
    public const string PostStartKillMessage = "FailedPostStartHook";

    /// <summary>Warning Failed after a sync error: "Error: ErrImagePull".</summary>
    public static string ErrorMessage(string reason) => $"Error: {reason}";

    /// <summary>active_deadline.go: the pod-level reason and message, also the event's.</summary>
    public const string DeadlineExceededMessage = "Pod was active on the node longer than the specified deadline";
}
