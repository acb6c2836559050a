using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Images;

namespace PodLife.Core.Lifecycle;

/// <summary>Container states with Kubernetes' exact reasons and messages (kubelet_pods.go, kuberuntime_manager.go, images/).</summary>
public static class ContainerStates
{
    /// <summary>The empty state, as an absent lastState serializes (<c>{}</c>).</summary>
    public static V1ContainerState None() => new();

    public static V1ContainerState Waiting(string? reason, string? message = null) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = NullIfEmpty(reason), Message = NullIfEmpty(message) } };

    /// <summary>kubelet's default before the runtime knows the container: PodInitializing when the pod has init containers.</summary>
    public static V1ContainerState Initial(bool podHasInitContainers) =>
        Waiting(podHasInitContainers ? ContainerReasons.PodInitializing : ContainerReasons.ContainerCreating);

    /// <summary>Restart back-off; message as kuberuntime_manager.go doBackOff writes it.</summary>
    public static V1ContainerState CrashLoopBackOff(TimeSpan delay, string container, string pod, string ns, string podUid)
    {
        if (delay < TimeSpan.Zero) throw new ArgumentException("back-off delay cannot be negative", nameof(delay));
        return Waiting(ContainerReasons.CrashLoopBackOff, ContainerRestartBackoff.WaitingMessage(delay, container, pod, ns, podUid));
    }

    public static V1ContainerState ErrImagePull(string error) => Waiting(ContainerReasons.ErrImagePull, error);

    /// <summary>Image pull back-off; newer kubelets append the last pull failure when they still have it.</summary>
    public static V1ContainerState ImagePullBackOff(string image, string? lastFailureReason = null, string? lastFailureMessage = null) =>
        Waiting(ContainerReasons.ImagePullBackOff, ImagePullBackoff.WaitingMessage(image, lastFailureReason, lastFailureMessage));

    /// <summary>An unparseable image; the message comes from ImageMessages.InvalidImageName.</summary>
    public static V1ContainerState InvalidImageName(string message) => Waiting(ContainerReasons.InvalidImageName, message);

    public static V1ContainerState ErrImageNeverPull(string image) =>
        Waiting(ContainerReasons.ErrImageNeverPull, ImageMessages.NotPresentWithNeverPull(image));

    public static V1ContainerState CreateContainerConfigError(string message) =>
        Waiting(ContainerReasons.CreateContainerConfigError, message);

    public static V1ContainerState Running(DateTime startedAt) =>
        new() { Running = new V1ContainerStateRunning { StartedAt = Utc(startedAt) } };

    /// <summary>An exited container; without a reason the runtime's default applies (Completed for 0, Error otherwise).</summary>
    public static V1ContainerState Terminated(int exitCode, DateTime? startedAt, DateTime? finishedAt,
        string? reason = null, string? message = null, int? signal = null, string? containerId = null)
    {
        if (startedAt is { } s && finishedAt is { } f && f < s)
            throw new ArgumentException($"finishedAt {f:O} is before startedAt {s:O}", nameof(finishedAt));
        return new()
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = exitCode,
                Reason = string.IsNullOrEmpty(reason) ? DefaultReason(exitCode) : reason,
                Message = NullIfEmpty(message),
                Signal = signal,
                StartedAt = startedAt is { } sa ? Utc(sa) : null,
                FinishedAt = finishedAt is { } fa ? Utc(fa) : null,
                ContainerID = NullIfEmpty(containerId),
            },
        };
    }

    public static V1ContainerState Completed(DateTime startedAt, DateTime finishedAt) => Terminated(0, startedAt, finishedAt);

    public static V1ContainerState Error(int exitCode, DateTime startedAt, DateTime finishedAt, string? message = null)
    {
        if (exitCode == 0) throw new ArgumentException("an Error termination needs a non-zero exit code", nameof(exitCode));
        return Terminated(exitCode, startedAt, finishedAt, ContainerReasons.Error, message);
    }

    /// <summary>Killed by the kernel OOM killer: SIGKILL, exit code 137.</summary>
    public static V1ContainerState OOMKilled(DateTime startedAt, DateTime finishedAt) =>
        Terminated(137, startedAt, finishedAt, ContainerReasons.OOMKilled);

    /// <summary>kubelet's stand-in for a container it can no longer find while the pod terminates (status_manager.go TerminatePod).</summary>
    public static V1ContainerState StatusUnknownOnTermination() =>
        Terminated(137, null, null, ContainerReasons.ContainerStatusUnknown,
            "The container could not be located when the pod was terminated");

    /// <summary>kubelet's lastState for a container that vanished while Running (convertToAPIContainerStatuses).</summary>
    public static V1ContainerState StatusUnknownOnDeletion() =>
        Terminated(137, null, null, ContainerReasons.ContainerStatusUnknown,
            "The container could not be located when the pod was deleted.  The container used to be Running");

    static string DefaultReason(int exitCode) => exitCode == 0 ? ContainerReasons.Completed : ContainerReasons.Error;

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // Unspecified times are taken as UTC: rules never read the local clock.
    static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
