namespace PodLife.Core.Backoff;

/// <summary>Kubelet's image pull back-off for one image of one pod, with its exact reason and messages.</summary>
/// <remarks>pkg/kubelet/images/image_manager.go EnsureImageExists: a failed pull advances the entry; a sync while
/// less than the delay has passed since that failure reports ImagePullBackOff without pulling.</remarks>
public static class ImagePullBackoff
{
    /// <summary>The waiting reason inside the window.</summary>
    public const string Reason = "ImagePullBackOff";

    /// <summary>The reason of the Normal event emitted on each sync inside the window.</summary>
    public const string EventReason = "BackOff";

    /// <summary>The back-off key: pod uid and image as written in the spec.</summary>
    public static string Key(string podUid, string image) => $"{podUid}_{image}";

    /// <summary>Whether a sync at <paramref name="now"/> must skip the pull and report ImagePullBackOff.</summary>
    public static bool IsInBackOff(BackoffEntry? entry, DateTimeOffset now) =>
        BackoffPolicy.ImagePull.IsInBackOffSinceUpdate(entry, now);

    /// <summary>The entry after a failed pull at <paramref name="now"/>.</summary>
    public static BackoffEntry AfterFailedPull(BackoffEntry? entry, DateTimeOffset now) =>
        BackoffPolicy.ImagePull.Next(entry, now, now);

    /// <summary>The Normal BackOff event message: Back-off pulling image "nginx:nope".</summary>
    public static string EventMessage(string image) => $"Back-off pulling image \"{image}\"";

    /// <summary>The ImagePullBackOff waiting message; newer kubelets append the last pull failure
    /// (": ErrImagePull: &lt;message&gt;") when they still have it.</summary>
    public static string WaitingMessage(string image, string? lastFailureReason = null, string? lastFailureMessage = null) =>
        lastFailureReason is null
            ? EventMessage(image)
            : $"{EventMessage(image)}: {lastFailureReason}: {lastFailureMessage}";
}
