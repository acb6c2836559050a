using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Core.Lifecycle;

namespace PodLife.Scheduler.Api;

/// <summary>
/// What the scheduler's and the controllers' pod caches keep of a pod. With 100,000 pods each cache is a copy of every
/// pod in the process, and most of a pod is what only its node reads: volumes (the service account's projected volume
/// alone is a dozen objects), container commands, environment, mounts, probes, hooks and security contexts (the pod's
/// and its containers'), the container statuses, the host's IPs, the pod's IP list (its one IP stays: the endpoints
/// controller lists it), the conditions only kubelet reads, and managedFields (which kube-scheduler and
/// kube-controller-manager also drop through their informers' transform). Neither reads those; both write pods only by
/// binding, patch and delete, never by sending a cached pod back, so a trimmed copy cannot erase them.
/// </summary>
public static class PodCacheTrim
{
    /// <summary>Drops, in place, the parts of <paramref name="pod"/> that scheduling and the controllers never read.</summary>
    public static V1Pod Trim(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata is { } metadata) metadata.ManagedFields = null;
        if (pod.Spec is { } spec)
        {
            spec.Volumes = null;
            spec.EphemeralContainers = null;
            spec.SecurityContext = null;
            TrimAll(spec.Containers);
            TrimAll(spec.InitContainers);
        }
        if (pod.Status is { } status)
        {
            status.ContainerStatuses = null;
            status.InitContainerStatuses = null;
            status.EphemeralContainerStatuses = null;
            status.PodIPs = null;
            status.HostIP = null;
            status.HostIPs = null;
            status.Conditions = PodConditions.Without(status.Conditions, IsUnread);
        }
        return pod;
    }

    // Kept: PodScheduled (the unschedulable condition's transition time), Ready (the node lifecycle controller's
    // MarkPodsNotReady), DisruptionTarget (preemption's victims) and any condition kubelet does not own (readiness gates).
    // Initialized, ContainersReady and PodReadyToStartContainers are read by no scheduler or controller code: three
    // conditions per cached pod (a heap dump at 20,000 pods).
    static bool IsUnread(string? type) =>
        type is PodConditionTypes.Initialized or PodConditionTypes.ContainersReady or PodConditionTypes.PodReadyToStartContainers;

    // Kept: name, image, resources and resize policy (requests, overhead), ports (host ports), restartPolicy (which init
    // containers are sidecars).
    static void TrimAll(IList<V1Container>? containers)
    {
        foreach (var c in containers ?? [])
        {
            c.Command = null;
            c.Args = null;
            c.Env = null;
            c.EnvFrom = null;
            c.VolumeMounts = null;
            c.VolumeDevices = null;
            c.LivenessProbe = null;
            c.ReadinessProbe = null;
            c.StartupProbe = null;
            c.Lifecycle = null;
            c.SecurityContext = null;
            c.WorkingDir = null;
            c.TerminationMessagePath = null;
            c.TerminationMessagePolicy = null;
        }
    }

    /// <summary>
    /// KubernetesClient's serializer options for decoding pods the way <see cref="Trim"/> leaves them: the fields it drops
    /// are skipped by the reader (as unknown fields are) instead of being built into objects and then dropped. Only for
    /// pods (the ManagedFields of every ObjectMeta, the dropped fields of every Container are skipped).
    /// </summary>
    public static JsonSerializerOptions DecodeOptions => TrimmedOptions.Value;


    // The JSON names of what Trim sets to null, by model type.
    static readonly Dictionary<Type, string[]> Skipped = new()
    {
        [typeof(V1ObjectMeta)] = ["managedFields"],
        [typeof(V1PodSpec)] = ["volumes", "ephemeralContainers", "securityContext"],
        [typeof(V1Container)] =
        [
            "command", "args", "env", "envFrom", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
            "startupProbe", "lifecycle", "securityContext", "workingDir", "terminationMessagePath", "terminationMessagePolicy",
        ],
        [typeof(V1PodStatus)] = ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses", "podIPs", "hostIP", "hostIPs"],
    };

    // Built on first use, after SharedStrings may have joined the client's converters at startup.
    static readonly Lazy<JsonSerializerOptions> TrimmedOptions = new(() => ModelJson.DecodeSkipping(Skipped));
}
