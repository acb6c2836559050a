using k8s;
using k8s.Models;
using PodLife.Node.Events;
using PodLife.Node.Runtime;
using PodLife.Node.Volumes;

namespace PodLife.Node.Pods;

// Volumes are set up before the sandbox and any container (kubelet's WaitForAttachAndMount); a missing ConfigMap or
// Secret holds the pod in ContainerCreating with FailedMount events, retried with back-off as the volume manager does.
public sealed partial class PodWorker
{
    static readonly TimeSpan FirstMountRetry = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan MaxMountRetry = TimeSpan.FromSeconds(122); // exponentialbackoff's maxDurationBeforeRetry: 2m2s

    IReadOnlyList<VolumeSetup>? _volumes;
    TimeSpan _mountRetry = FirstMountRetry;

    async Task<bool> EnsureVolumesAsync(V1Pod pod, CancellationToken ct)
    {
        if (_ctx.Volumes is null) return true;
        if (_volumes is not null)
        {
            await RefreshVolumesAsync(pod, _volumes, ct).ConfigureAwait(false);
            return true;
        }
        try
        {
            var volumes = await PlanVolumesAsync(pod, ct).ConfigureAwait(false);
            await _ctx.Volumes.SetUpAsync(pod.Uid(), volumes, ct).ConfigureAwait(false);
            _volumes = volumes;
            return true;
        }
        catch (VolumeSetupException e)
        {
            await _ctx.Events.RecordAsync(pod, null, "Warning", EventReasons.FailedMount, e.EventMessage, ct).ConfigureAwait(false);
            WakeAt(Now + _mountRetry);
            _mountRetry = _mountRetry * 2 > MaxMountRetry ? MaxMountRetry : _mountRetry * 2;
            return false;
        }
    }

    async Task<IReadOnlyList<VolumeSetup>> PlanVolumesAsync(V1Pod pod, CancellationToken ct)
    {
        var served = _ctx.Volumes!.Served(pod).ToList();
        var sources = await SourcesAsync(pod, VolumePlans.Referenced(served), ct).ConfigureAwait(false);
        return VolumePlans.For(pod, served, sources, PodIp, _ctx.HostIp);
    }

    // kubelet remounts configMap, secret, downwardAPI and projected volumes at every sync of a running pod (their
    // plugins' RequiresRemount), so a changed ConfigMap, Secret, label or annotation reaches the files by the next resync
    // (60-90 s) at the latest, written atomically; environment variables and subPath mounts keep what they were given.
    // A source that has gone away is a FailedMount warning, and the files stay as they were.
    async Task RefreshVolumesAsync(V1Pod pod, IReadOnlyList<VolumeSetup> current, CancellationToken ct)
    {
        if (!current.Any(v => v.Files is not null)) return;
        try
        {
            var volumes = await PlanVolumesAsync(pod, ct).ConfigureAwait(false);
            var changed = volumes.Where(v => v.Files is not null && !v.HasSameFilesAs(current.FirstOrDefault(c => c.Name == v.Name))).ToList();
            if (changed.Count > 0) await _ctx.Volumes!.SetUpAsync(pod.Uid(), changed, ct).ConfigureAwait(false);
            _volumes = volumes;
        }
        catch (VolumeSetupException e)
        {
            await _ctx.Events.RecordAsync(pod, null, "Warning", EventReasons.FailedMount, e.EventMessage, ct).ConfigureAwait(false);
        }
    }

    async Task<IReadOnlyList<Mount>> MountsAsync(V1Pod pod, V1Container container, int attempt, CancellationToken ct) =>
        _ctx.Volumes is null ? [] : await _ctx.Volumes.MountsAsync(pod.Uid(), container, attempt, _volumes ?? [], ct).ConfigureAwait(false);

    async Task TearDownVolumesAsync(V1Pod pod, CancellationToken ct)
    {
        if (_ctx.Volumes is not null) await _ctx.Volumes.TearDownAsync(pod.Uid(), ct).ConfigureAwait(false);
    }
}
