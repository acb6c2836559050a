using k8s;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Core.Lifecycle;
using PodLife.Node.Events;
using PodLife.Node.Probes;

namespace PodLife.Node.Pods;

// Graceful termination on deletion, on activeDeadlineSeconds and once finished (kuberuntime_container.go killContainer,
// active_deadline.go, status_manager.go TerminatePod, pod_workers.go SyncTerminatingPod).
public sealed partial class PodWorker
{
    (string, string)? _eviction;

    async Task TerminateAsync(V1Pod pod, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30);
        // kubelet's SyncTerminatingPod reports the pod as it is before it kills anything: no container is to start again
        // now, so one that had exited shows its exit (an unchanged status is not written again).
        if (!_sandboxStopped) await WriteStatusAsync(pod, await InstancesAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        await StopPodAsync(pod, grace, ct).ConfigureAwait(false);
        // kubelet deletes the API object only once the pod's resources are reclaimed, volumes unmounted included
        // (podResourcesAreReclaimed), so nothing of the pod outlives it on the node but the stopped sandbox.
        await TearDownVolumesAsync(pod, ct).ConfigureAwait(false);
        try
        {
            await ApiWrites.DeletePodAsync(_ctx.Client, pod.Namespace(), pod.Name(),
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Uid() } }, ct: ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Already gone, or a new pod with the same name: either way this one is done.
        }
        if (SandboxId is not null) await _ctx.Runtime.RemovePodSandboxAsync(SandboxId, ct).ConfigureAwait(false);
        Finish();
    }

    async Task<bool> DeadlineExceededAsync(V1Pod pod, CancellationToken ct)
    {
        if (pod.Spec.ActiveDeadlineSeconds is not { } seconds || _startTime is not { } start) return false;
        var deadline = new DateTimeOffset(start, TimeSpan.Zero) + TimeSpan.FromSeconds(seconds);
        if (Now < deadline)
        {
            WakeAt(deadline);
            return false;
        }
        if (_eviction is null)
        {
            _eviction = (EventReasons.DeadlineExceeded, EventReasons.DeadlineExceededMessage);
            await _ctx.Events.RecordAsync(pod, null, "Normal", EventReasons.DeadlineExceeded, EventReasons.DeadlineExceededMessage, ct).ConfigureAwait(false);
            // kubelet's active-deadline handler (ShouldEvict) makes the status Failed in the very sync that finds the
            // deadline passed; the containers stop afterwards, within their grace period (a process that ignores
            // SIGTERM runs on for all of it), under a pod already shown Failed with reason DeadlineExceeded.
            await WriteStatusAsync(pod, await InstancesAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        await StopPodAsync(pod, GracePeriod(pod), ct).ConfigureAwait(false);
        return true;
    }

    bool _sandboxStopped;

    /// <summary>A pod that has finished (Succeeded or Failed) is stopped as a deleted one is, once.</summary>
    async Task StopFinishedPodAsync(V1Pod pod, CancellationToken ct)
    {
        if (_sandboxStopped || SandboxId is null) return;
        await StopPodAsync(pod, GracePeriod(pod), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// kubelet's termination of a pod that is to run no more, deleted, past its deadline or finished (SyncTerminatingPod):
    /// what still runs in it is killed within <paramref name="grace"/>, its sandbox stopped (which releases its address
    /// and turns PodReadyToStartContainers False) and its final status written. The pod keeps its IP in the status and
    /// its containers' logs.
    /// </summary>
    async Task StopPodAsync(V1Pod pod, TimeSpan grace, CancellationToken ct)
    {
        await KillAllAsync(pod, grace, ct).ConfigureAwait(false);
        if (SandboxId is not null && !_sandboxStopped)
        {
            await _ctx.Runtime.StopPodSandboxAsync(SandboxId, ct).ConfigureAwait(false);
            // Only once stopped: a runtime error leaves it to the next sync to try again, as kubelet retries.
            _sandboxStopped = true;
        }
        await WriteStatusAsync(pod, await InstancesAsync(ct).ConfigureAwait(false), ct, podIsTerminal: true).ConfigureAwait(false);
    }

    /// <summary>Stops every running container: regular and ephemeral ones together, then sidecars in reverse order, each with preStop.</summary>
    async Task KillAllAsync(V1Pod pod, TimeSpan grace, CancellationToken ct)
    {
        foreach (var r in _records.Values) r.StopProbes();
        var deadline = Now + grace;
        var instances = await InstancesAsync(ct).ConfigureAwait(false);
        var regular = pod.Spec.Containers.Select(c => _records[c.Name]).Concat(_ephemeral);
        await Task.WhenAll(regular.Select(r => KillAsync(pod, r, instances, deadline, ct))).ConfigureAwait(false);
        foreach (var sidecar in _records.Values.Where(r => r.IsSidecar).Reverse())
        {
            await KillAsync(pod, sidecar, instances, deadline, ct).ConfigureAwait(false);
        }
    }

    async Task KillAsync(V1Pod pod, ContainerRecord record, Instances instances, DateTimeOffset deadline, CancellationToken ct)
    {
        if (instances.Latest(record.Name) is not { State: Runtime.ContainerState.Running } running) return;
        await KillContainerAsync(pod, record, running.Id, EventReasons.StoppingMessage(record.Name), deadline, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// kubelet's killContainer, whatever the cause (deletion, a probe that gave up, a failed postStart hook): the Killing
    /// event with the cause's message, the preStop hook within the grace period, then the stop signal with what is left.
    /// </summary>
    async Task KillContainerAsync(V1Pod pod, ContainerRecord record, string containerId, string message, DateTimeOffset deadline, CancellationToken ct)
    {
        await Event(pod, record, "Normal", EventReasons.Killing, message, ct).ConfigureAwait(false);
        if (record.Spec.Lifecycle?.PreStop is { } preStop)
        {
            var outcome = await ActionRunner.RunAsync(preStop, Target(record, containerId), Remaining(deadline), ct).ConfigureAwait(false);
            if (!outcome.Success)
            {
                await Event(pod, record, "Warning", EventReasons.FailedPreStopHook, EventReasons.PreStopHookFailedMessage, ct).ConfigureAwait(false);
            }
        }
        await _ctx.Runtime.StopContainerAsync(containerId, Remaining(deadline), ct).ConfigureAwait(false);
    }

    // kubelet gives every container at least minimumGracePeriodInSeconds (2s) after its preStop hook.
    TimeSpan Remaining(DateTimeOffset deadline) => deadline - Now is var left && left > TimeSpan.FromSeconds(2) ? left : TimeSpan.FromSeconds(2);
}
