using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Images;
using PodLife.Core.Lifecycle;
using PodLife.Node.Runtime;
using ContainerReasons = PodLife.Core.Lifecycle.ContainerReasons;

namespace PodLife.Node.Pods;

// Image pulls by imagePullPolicy with pull back-off (pkg/kubelet/images/image_manager.go EnsureImageExists).
public sealed partial class PodWorker
{
    // Made on the first failed pull: most pods never have one. With each back-off, the error of the pull that failed.
    Dictionary<string, (BackoffEntry Entry, string Error)>? _pullBackoff;

    /// <summary>True when the image is on the node; otherwise the record says why it waits.</summary>
    async Task<bool> EnsureImageAsync(V1Pod pod, ContainerRecord record, CancellationToken ct)
    {
        var image = record.Spec.Image ?? "";
        if (!ImageReference.TryParse(image, out var reference, out var parseError))
        {
            var message = ImageMessages.InvalidImageName(image, parseError);
            record.Waiting = ContainerStates.InvalidImageName(message);
            await Event(pod, record, "Warning", ImageMessages.InspectFailedReason, message, ct).ConfigureAwait(false);
            await Event(pod, record, "Warning", ImageMessages.FailedReason, Events.EventReasons.ErrorMessage(ContainerReasons.InvalidImageName), ct).ConfigureAwait(false);
            return false;
        }
        var policy = string.IsNullOrEmpty(record.Spec.ImagePullPolicy) ? ImagePullPolicyDefault.For(image) : record.Spec.ImagePullPolicy;
        var present = await _ctx.Runtime.ImageStatusAsync(reference.ImageWithDefaultTag, ct).ConfigureAwait(false) is not null;
        if (policy == ImagePullPolicyDefault.Never && !present)
        {
            record.Waiting = ContainerStates.ErrImageNeverPull(image);
            await Event(pod, record, "Warning", ImageMessages.ErrImageNeverPullReason, ImageMessages.NotPresentWithNeverPull(image), ct).ConfigureAwait(false);
            await Event(pod, record, "Warning", ImageMessages.FailedReason, Events.EventReasons.ErrorMessage(ContainerReasons.ErrImageNeverPull), ct).ConfigureAwait(false);
            return false;
        }
        if (present && policy != ImagePullPolicyDefault.Always)
        {
            await Event(pod, record, "Normal", ImageMessages.PulledReason, ImageMessages.AlreadyPresent(image), ct).ConfigureAwait(false);
            return true;
        }
        return await PullAsync(pod, record, image, reference.ImageWithDefaultTag, ct).ConfigureAwait(false);
    }

    async Task<bool> PullAsync(V1Pod pod, ContainerRecord record, string image, string fullImage, CancellationToken ct)
    {
        var key = ImagePullBackoff.Key(pod.Uid(), image);
        var (entry, lastError) = _pullBackoff?.GetValueOrDefault(key) ?? default;
        if (ImagePullBackoff.IsInBackOff(entry, Now))
        {
            // kubelet 1.32+ keeps the failed pull's error in the waiting message (image_manager.go prevPullErrMsg).
            record.Waiting = ContainerStates.ImagePullBackOff(image, ContainerReasons.ErrImagePull, lastError);
            await Event(pod, record, "Normal", ImagePullBackoff.EventReason, ImagePullBackoff.EventMessage(image), ct).ConfigureAwait(false);
            await Event(pod, record, "Warning", ImageMessages.FailedReason, Events.EventReasons.ErrorMessage(ContainerReasons.ImagePullBackOff), ct).ConfigureAwait(false);
            WakeAt(Now + TimeSpan.FromSeconds(10));
            return false;
        }
        await Event(pod, record, "Normal", ImageMessages.PullingReason, ImageMessages.Pulling(image), ct).ConfigureAwait(false);
        var started = Now;
        try
        {
            await _ctx.Runtime.PullImageAsync(fullImage, ct).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e)
        {
            (_pullBackoff ??= [])[key] = (ImagePullBackoff.AfterFailedPull(entry, Now), e.Message);
            record.Waiting = ContainerStates.ErrImagePull(e.Message);
            await Event(pod, record, "Warning", ImageMessages.FailedReason, ImageMessages.FailedToPull(image, e.Message), ct).ConfigureAwait(false);
            await Event(pod, record, "Warning", ImageMessages.FailedReason, Events.EventReasons.ErrorMessage(ContainerReasons.ErrImagePull), ct).ConfigureAwait(false);
            // kubelet requeues a pod whose sync failed after its worker back-off period (10s).
            WakeAt(Now + TimeSpan.FromSeconds(10));
            return false;
        }
        _pullBackoff?.Remove(key);
        var took = Now - started;
        var size = (await _ctx.Runtime.ImageStatusAsync(fullImage, ct).ConfigureAwait(false))?.SizeBytes ?? 0;
        await Event(pod, record, "Normal", ImageMessages.PulledReason, ImageMessages.Pulled(image, took, took, size), ct).ConfigureAwait(false);
        return true;
    }
}
