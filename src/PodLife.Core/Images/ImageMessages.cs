using PodLife.Core.Printing;

namespace PodLife.Core.Images;

/// <summary>Kubelet's image reasons and event / waiting messages, word for word.</summary>
/// <remarks>pkg/kubelet/images/image_manager.go EnsureImageExists and pkg/kubelet/images/types.go; images are
/// quoted like Go's %q.</remarks>
public static class ImageMessages
{
    /// <summary>Waiting reason for an image kubelet cannot parse.</summary>
    public const string InvalidImageNameReason = "InvalidImageName";

    /// <summary>Waiting reason after a failed pull.</summary>
    public const string ErrImagePullReason = "ErrImagePull";

    /// <summary>Waiting reason and event reason for a missing image with pull policy Never.</summary>
    public const string ErrImageNeverPullReason = "ErrImageNeverPull";

    /// <summary>Event reasons: Pulling, Pulled (also "already present"), Failed, InspectFailed.</summary>
    public const string PullingReason = "Pulling", PulledReason = "Pulled", FailedReason = "Failed", InspectFailedReason = "InspectFailed";

    /// <summary>The InvalidImageName waiting message, also the Warning InspectFailed event message.</summary>
    public static string InvalidImageName(string image, string parseError) =>
        $"Failed to apply default image tag {GoQuote.Quote(image)}: couldn't parse image name {GoQuote.Quote(image)}: {parseError}";

    /// <summary>Normal Pulling: Pulling image "nginx".</summary>
    public static string Pulling(string image) => $"Pulling image {GoQuote.Quote(image)}";

    /// <summary>Normal Pulled: Successfully pulled image "nginx" in 1.234s (1.5s including waiting). Image size: 1234 bytes.
    /// Both durations are truncated to milliseconds, as kubelet does.</summary>
    public static string Pulled(string image, TimeSpan pullDuration, TimeSpan totalDuration, long imageSizeBytes) =>
        $"Successfully pulled image {GoQuote.Quote(image)} in {GoDuration.Format(GoDuration.TruncateToMilliseconds(pullDuration))}" +
        $" ({GoDuration.Format(GoDuration.TruncateToMilliseconds(totalDuration))} including waiting). Image size: {imageSizeBytes} bytes.";

    /// <summary>Normal Pulled when no pull is needed: Container image "nginx" already present on machine.</summary>
    public static string AlreadyPresent(string image) => $"Container image {GoQuote.Quote(image)} already present on machine";

    /// <summary>Warning Failed: Failed to pull image "nginx:nope": &lt;runtime error&gt;.</summary>
    public static string FailedToPull(string image, string error) => $"Failed to pull image {GoQuote.Quote(image)}: {error}";

    /// <summary>Warning ErrImageNeverPull: Container image "nginx" is not present with pull policy of Never.</summary>
    public static string NotPresentWithNeverPull(string image) =>
        $"Container image {GoQuote.Quote(image)} is not present with pull policy of Never";
}
