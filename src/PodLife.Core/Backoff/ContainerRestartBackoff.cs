using PodLife.Core.Printing;

namespace PodLife.Core.Backoff;

/// <summary>Kubelet's crash-loop back-off for one container, with its exact reason and messages.</summary>
/// <remarks>pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: the first exit has no entry, so the first
/// restart is immediate; later exits wait 10s, 20s, 40s ... 5m counted from the exited container's finishedAt.</remarks>
public static class ContainerRestartBackoff
{
    /// <summary>The waiting reason while a restart is held back.</summary>
    public const string Reason = "CrashLoopBackOff";

    /// <summary>The reason of the Warning event emitted on each sync inside the window.</summary>
    public const string EventReason = "BackOff";

    /// <summary>kubelet's getStableKey: pod name, namespace, uid and container name (plus the container's spec
    /// hash, so a changed container starts with a fresh back-off).</summary>
    public static string Key(string podName, string podNamespace, string podUid, string container, string specHash = "") =>
        $"{podName}_{podNamespace}_{podUid}_{container}_{specHash}";

    /// <summary>Decides for a container that exited at <paramref name="finishedAt"/>, given its entry (null if none).</summary>
    public static RestartDecision Decide(BackoffEntry? entry, DateTimeOffset finishedAt, DateTimeOffset now)
    {
        var policy = BackoffPolicy.ContainerRestart;
        return policy.IsInBackOffSince(entry, finishedAt, now)
            ? new RestartDecision(true, entry!)
            : new RestartDecision(false, policy.Next(entry, finishedAt, now));
    }

    /// <summary>The CrashLoopBackOff waiting message: "back-off 40s restarting failed container=c pod=p_ns(uid)".</summary>
    public static string WaitingMessage(TimeSpan delay, string container, string podName, string podNamespace, string podUid) =>
        $"back-off {GoDuration.Format(delay)} restarting failed container={container} pod={PodRef(podName, podNamespace, podUid)}";

    /// <summary>The Warning BackOff event message: "Back-off restarting failed container c in pod p_ns(uid)".</summary>
    public static string EventMessage(string container, string podName, string podNamespace, string podUid) =>
        $"Back-off restarting failed container {container} in pod {PodRef(podName, podNamespace, podUid)}";

    // kubelet's format.Pod: name_namespace(uid).
    static string PodRef(string name, string ns, string uid) => $"{name}_{ns}({uid})";
}
