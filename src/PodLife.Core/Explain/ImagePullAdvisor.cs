using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Lifecycle;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains a container waiting on its image: why the pull fails, when kubelet pulls again, what to fix.</summary>
/// <remarks>pkg/kubelet/images/image_manager.go: every failed pull emits Warning Failed "Failed to pull image ..." and
/// advances the image back-off (10s doubling to 5m); the next real pull happens once that delay has passed since the
/// failure. InvalidImageName is never pulled at all.</remarks>
internal static class ImagePullAdvisor
{
    const string FailedPullPrefix = "Failed to pull image ";

    public static Guidance Advise(ExplainInput input, V1ContainerStatus status, string kind)
    {
        var waiting = status.State?.Waiting;
        var image = input.Container(status.Name)?.Image ?? status.Image;
        return waiting?.Reason switch
        {
            ContainerReasons.ErrImagePull or ContainerReasons.ImagePullBackOff or ContainerReasons.RegistryUnavailable =>
                PullFailing(input, status.Name, kind, image),
            ContainerReasons.InvalidImageName => Guidance.Of(
                $"nothing: kubelet cannot parse the image reference `{image}` of {kind} {status.Name}, so it never pulls it",
                $"fix the image reference (repository names are lowercase, tags follow ':'): kubectl set image pod/{input.Name} -n {input.Namespace} {status.Name}=IMAGE",
                trouble: true),
            ContainerReasons.ErrImageNeverPull => Guidance.Of(
                $"nothing: imagePullPolicy is Never and the image `{image}` is not on node {input.Pod.Spec?.NodeName}",
                "load the image onto the node, or set imagePullPolicy to IfNotPresent",
                trouble: true),
            _ => Guidance.None,
        };
    }

    static Guidance PullFailing(ExplainInput input, string container, string kind, string image)
    {
        var failures = input.EventsWith("Failed", container)
            .Where(e => e.Message?.StartsWith(FailedPullPrefix, StringComparison.Ordinal) == true).ToList();
        var action = Action(input, container, failures.LastOrDefault()?.Message);
        if (failures.Count == 0)
            return Guidance.Of($"kubelet pulls `{image}` again after its back-off (10s, doubling to 5m)", action, trouble: true);

        var last = failures[^1];
        var pulls = failures.Sum(ExplainInput.Count);
        var delay = BackoffSteps.DelayAfter(BackoffPolicy.ImagePull, pulls);
        var wait = ExplainInput.LastSeen(last) + delay - input.Now;
        var when = wait > TimeSpan.Zero ? $"next pull attempt in {HumanDuration.Format(wait)}" : "next pull attempt is due now";
        return Guidance.Of($"image `{image}` {Problem(last.Message!)}; {when} (back-off {GoDuration.Format(delay)} after {pulls} failed pull(s))",
            action, trouble: true);
    }

    // Runtime errors as containerd words them (failed to resolve reference ...: not found; pull access denied; dial tcp ...).
    static string Problem(string message) => message switch
    {
        _ when message.Contains("not found", StringComparison.OrdinalIgnoreCase) => "not found in registry",
        _ when message.Contains("denied", StringComparison.OrdinalIgnoreCase) || message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase)
            => "could not be pulled: access denied",
        _ when message.Contains("dial tcp", StringComparison.Ordinal) || message.Contains("no such host", StringComparison.Ordinal)
            || message.Contains("i/o timeout", StringComparison.Ordinal) => "could not be pulled: registry unreachable",
        _ => $"could not be pulled: {message}",
    };

    static string Action(ExplainInput input, string container, string? failure) =>
        failure is not null && Problem(failure).EndsWith("access denied", StringComparison.Ordinal)
            ? "if the image is private, give the pod imagePullSecrets for its registry; otherwise check the image name"
            : $"fix the image name or tag: kubectl set image pod/{input.Name} -n {input.Namespace} {container}=IMAGE (a new image is pulled without waiting for the back-off)";
}
