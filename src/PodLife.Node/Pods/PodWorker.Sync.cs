using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Core.Lifecycle;
using PodLife.Node.Agent;
using PodLife.Node.Events;
using PodLife.Node.Runtime;
using PodLife.Node.Status;

namespace PodLife.Node.Pods;

// One sync: terminate if asked, else sandbox, init containers one by one, then the regular containers; status last.
public sealed partial class PodWorker
{
    PreviousRun? _previousRun;
    bool _previousRunLearned;

    /// <summary>The container statuses the API had for a pod this node ran before it restarted.</summary>
    sealed record PreviousRun(IReadOnlyList<V1ContainerStatus> Init, IReadOnlyList<V1ContainerStatus> Regular)
    {
        public V1ContainerStatus? Of(ContainerRecord record) => (record.IsInit ? Init : Regular).FirstOrDefault(s => s.Name == record.Name);
    }

    async Task SyncAsync(CancellationToken ct)
    {
        var pod = _pod;
        _startTime ??= Now.UtcDateTime;
        await LearnPreviousRunAsync(pod, ct).ConfigureAwait(false);
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, ct).ConfigureAwait(false);
            return;
        }
        if (await DeadlineExceededAsync(pod, ct).ConfigureAwait(false)) return;

        var instances = await InstancesAsync(ct).ConfigureAwait(false);
        await WriteStatusAsync(pod, instances, ct).ConfigureAwait(false);
        if (PodPhase.IsTerminal(_lastStatus?.Phase))
        {
            foreach (var r in _records.Values) r.StopProbes();
            await StopFinishedPodAsync(pod, ct).ConfigureAwait(false);
            return;
        }
        if (!await EnsureVolumesAsync(pod, ct).ConfigureAwait(false)) return;
        await EnsureSandboxAsync(pod, ct).ConfigureAwait(false);
        await KillUnhealthyAsync(pod, instances, ct).ConfigureAwait(false);
        instances = await InstancesAsync(ct).ConfigureAwait(false);

        if (RegularContainersDone(pod, instances))
        {
            // kubelet's computePodActions: with no regular container left running or to be restarted it kills the pod,
            // sidecars included, and starts none of them again; a sidecar would otherwise keep the pod Running for
            // ever. The phase follows from the regular containers once the sidecars have stopped.
            await KillAllAsync(pod, GracePeriod(pod), ct).ConfigureAwait(false);
        }
        else if (await SyncInitContainersAsync(pod, instances, ct).ConfigureAwait(false))
        {
            foreach (var c in pod.Spec.Containers) await SyncContainerAsync(pod, _records[c.Name], instances, ct).ConfigureAwait(false);
            // Ephemeral containers start once, after the others (computePodActions' EphemeralContainersToStart).
            foreach (var r in _ephemeral)
            {
                if (instances.Latest(r.Name) is null) await SyncContainerAsync(pod, r, instances, ct).ConfigureAwait(false);
            }
        }
        instances = await InstancesAsync(ct).ConfigureAwait(false);
        await WriteStatusAsync(pod, instances, ct).ConfigureAwait(false);
    }

    /// <summary>Every regular container has run and exited, and the restart policy restarts none of them.</summary>
    bool RegularContainersDone(V1Pod pod, Instances instances) => pod.Spec.Containers.All(c =>
        instances.Latest(c.Name) is { State: Runtime.ContainerState.Exited } exited && !RestartPolicies.Restarts(RestartPolicy, exited.ExitCode));

    // Init containers run one at a time in spec order; a sidecar counts as done once it has started.
    async Task<bool> SyncInitContainersAsync(V1Pod pod, Instances instances, CancellationToken ct)
    {
        // Once a regular container has run, the pod is initialized for good (only sidecars are kept up).
        var initialized = pod.Spec.Containers.Any(c => instances.Latest(c.Name) is not null);
        foreach (var c in pod.Spec.InitContainers ?? [])
        {
            var record = _records[c.Name];
            var latest = instances.Latest(c.Name);
            if (record.IsSidecar)
            {
                if (latest?.State is Runtime.ContainerState.Running or Runtime.ContainerState.Created)
                {
                    if (!record.Started && !initialized) return false;
                    continue;
                }
                await SyncContainerAsync(pod, record, instances, ct).ConfigureAwait(false);
                if (!initialized) return false;
                continue;
            }
            if (initialized) continue;
            if (latest is { State: Runtime.ContainerState.Exited, ExitCode: 0 }) continue;
            if (latest is not { State: Runtime.ContainerState.Exited }) 
            {
                if (latest is null) await SyncContainerAsync(pod, record, instances, ct).ConfigureAwait(false);
                return false;
            }
            await SyncContainerAsync(pod, record, instances, ct).ConfigureAwait(false);
            return false;
        }
        return true;
    }

    async Task EnsureSandboxAsync(V1Pod pod, CancellationToken ct)
    {
        if (SandboxId is not null) return;
        try
        {
            SandboxId = await _ctx.Runtime.RunPodSandboxAsync(SandboxConfig(pod) with
            {
                Dns = PodDns.For(pod),
                Domain = pod.Spec.Subdomain is { Length: > 0 } subdomain ? $"{subdomain}.{pod.Namespace() ?? "default"}.svc.{PodDns.ClusterDomain}" : null,
                HostAliases = pod.Spec.HostAliases is { Count: > 0 } aliases ? [.. aliases.Select(a => new HostAlias(a.Ip, [.. a.Hostnames ?? []]))] : [],
                ServiceAccountDirectory = ServiceAccountDirectory(pod),
            }, ct).ConfigureAwait(false);
            PodIp = (await _ctx.Runtime.PodSandboxStatusAsync(SandboxId, ct).ConfigureAwait(false)).Ip;
            // kubelet's PLEG sees the new sandbox at its next relist and syncs the pod again: that is what turns a
            // first ErrImagePull into ImagePullBackOff a second later, long before the 10 s retry of a failed sync.
            WakeAt(Now + PlegRelistPeriod);
        }
        catch (ContainerRuntimeException e)
        {
            await _ctx.Events.RecordAsync(pod, null, "Warning", EventReasons.FailedCreatePodSandBox,
                $"Failed to create pod sandbox: {e.Message}", ct).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>kubelet's PLEG relist period (genericPlegRelistPeriod).</summary>
    static readonly TimeSpan PlegRelistPeriod = TimeSpan.FromSeconds(1);

    // A pod on the host's network has the host's hostname: kubelet leaves the sandbox's unset (generatePodSandboxConfig).
    PodSandboxConfig SandboxConfig(V1Pod pod) => new(pod.Name(), pod.Namespace() ?? "default", pod.Uid())
    {
        Hostname = pod.Spec.HostNetwork == true ? _ctx.NodeName : pod.Spec.Hostname ?? pod.Name(),
        ShareProcessNamespace = pod.Spec.ShareProcessNamespace == true,
        Labels = new Dictionary<string, string> { ["io.kubernetes.pod.uid"] = pod.Uid(), ["io.kubernetes.pod.name"] = pod.Name() },
    };

    // Where the containers mount the service account volume the API server added (the first container that does).
    static string? ServiceAccountDirectory(V1Pod pod) =>
        pod.Spec.Volumes?.FirstOrDefault(Volumes.VolumePlans.IsServiceAccountVolume) is { } volume
            ? pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).SelectMany(c => c.VolumeMounts ?? []).FirstOrDefault(m => m.Name == volume.Name)?.MountPath
            : null;

    /// <summary>The sandbox's IP once it has one.</summary>
    public string? PodIp { get; private set; }

    async Task<Instances> InstancesAsync(CancellationToken ct) =>
        SandboxId is null ? Instances.Empty : new Instances(await _ctx.Runtime.ListContainersAsync(SandboxId, ct).ConfigureAwait(false));

    /// <summary>Computes the status from what is known now and writes it through pods/status only if it changed.</summary>
    async Task WriteStatusAsync(V1Pod pod, Instances instances, CancellationToken ct, bool podIsTerminal = false,
        (string, string)? eviction = null)
    {
        await UpdateTerminationMessagesAsync(instances, ct).ConfigureAwait(false);
        var inputs = new PodStatusInputs(
            FactsOf(pod.Spec.InitContainers, instances),
            FactsOf(pod.Spec.Containers, instances),
            SandboxReady: SandboxId is not null && !podIsTerminal && !_sandboxStopped,
            PodIp, _ctx.HostIp, _ctx.Clock.Stamp(_startTime)?.UtcDateTime, podIsTerminal, _ctx.Clock.StampNow.UtcDateTime)
        { Eviction = eviction ?? _eviction, Ephemeral = EphemeralFacts(instances) };
        // Once every container has an instance again, what ran before the node restarted is not read any more.
        if (_previousRun is not null && AllHaveInstances(inputs.Init) && AllHaveInstances(inputs.Regular)) _previousRun = null;
        var basis = _lastStatus is null ? pod : pod with { Status = _lastStatus with { Conditions = MergedConditions(pod, _lastStatus) } };
        var status = PodStatusBuilder.Build(basis, inputs);
        if (PodStatusPatch.IfChanged(status, _lastWritten) is not { } written) return;
        await PatchStatusAsync(pod, written.Json, ct).ConfigureAwait(false);
        (_lastWritten, _lastStatus) = (written.Digest, PodStatusBuilder.Basis(status));
        DropOwnConditions(_pod);
    }

    // The newest version of the pod this worker knows of: from its events and its own writes' answers (0: none).
    ulong _version;

    void SawVersion(ulong? version)
    {
        if (version is not { } v) return;
        lock (_gate) _version = Math.Max(_version, v);
    }

    /// <summary>
    /// Writes the status on the version of the pod this worker knows of, so that the version its answer names is one
    /// this write made and the feed can skip its event (<see cref="OwnStatusWrites"/>).
    /// </summary>
    async Task PatchStatusAsync(V1Pod pod, byte[] status, CancellationToken ct)
    {
        ulong basedOn;
        lock (_gate) basedOn = _version;
        if (basedOn > 0 && _ctx.OwnWrites is { } ownWrites)
        {
            try
            {
                var made = OwnStatusWrites.Parse(await WriteAsync(basedOn).ConfigureAwait(false));
                // The same version: the write changed nothing, so no event comes of it.
                if (made > basedOn) ownWrites.Wrote(Uid, made.Value);
                SawVersion(made);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Another writer got there first (its event is on its way): the status is written over its version, as
                // kubelet writes it, and this answer is not noted.
            }
        }
        SawVersion(OwnStatusWrites.Parse(await WriteAsync(null).ConfigureAwait(false)));

        Task<string?> WriteAsync(ulong? on) =>
            ApiWrites.PatchPodStatusAsync(_ctx.Client, PodStatusPatch.MergePatch(status, on), pod.Namespace(), pod.Name(), ct);
    }

    // Conditions others own (readiness gates, DisruptionTarget) come from the API; kubelet's own from what it wrote.
    static List<V1PodCondition> MergedConditions(V1Pod pod, V1PodStatus written)
    {
        var merged = new List<V1PodCondition>();
        foreach (var c in pod.Status?.Conditions ?? [])
        {
            if (!PodConditionTypes.IsOwnedByKubelet(c.Type)) merged.Add(c);
        }
        foreach (var c in written.Conditions ?? [])
        {
            if (PodConditionTypes.IsOwnedByKubelet(c.Type)) merged.Add(c);
        }
        return merged;
    }

    /// <summary>
    /// A pod this node synced before it restarted (kubelet sets startTime on its first sync), its runtime's containers
    /// gone since: the API's container statuses, which the node's watch leaves out, say what ran. kubelet's status
    /// manager starts from them, and kubelet recovers each container's next attempt from the log files the earlier
    /// instances left (calcRestartCountByLogDir): the count goes on after the one the API shows.
    /// </summary>
    async Task LearnPreviousRunAsync(V1Pod pod, CancellationToken ct)
    {
        if (_previousRunLearned) return;
        if (pod.Status?.StartTime is null)
        {
            _previousRunLearned = true;
            return;
        }
        try
        {
            // A failed read fails this sync, which is tried again (and the read with it) after the usual back-off.
            var status = (await _ctx.Client.CoreV1.ReadNamespacedPodStatusAsync(pod.Name(), pod.Namespace(), cancellationToken: ct).ConfigureAwait(false)).Status;
            _previousRun = new PreviousRun([.. (status?.InitContainerStatuses ?? []).OfType<V1ContainerStatus>()],
                [.. (status?.ContainerStatuses ?? []).OfType<V1ContainerStatus>()]);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted meanwhile: its deletion reaches the worker through the watch.
        }
        _previousRunLearned = true;
        foreach (var record in _records.Values)
        {
            var known = _previousRun?.Of(record);
            if (known is not null && (!string.IsNullOrEmpty(known.ContainerID) || known.LastState?.Terminated is not null))
                record.FirstAttempt = known.RestartCount + 1;
        }
    }

    ContainerFacts[] FactsOf(IList<V1Container>? containers, Instances instances)
    {
        if (containers is null || containers.Count == 0) return [];
        var facts = new ContainerFacts[containers.Count];
        for (var i = 0; i < facts.Length; i++) facts[i] = Facts(containers[i], instances);
        return facts;
    }

    // The API's status of the previous run matters only for a container with no instance in the runtime.
    ContainerFacts Facts(V1Container c, Instances instances)
    {
        var record = _records[c.Name];
        var latest = instances.Latest(c.Name);
        // Why kubelet holds a container back shows only while it is to start again (convertToAPIContainerStatuses):
        // an exited container the restart policy leaves alone keeps its termination as its state.
        var waiting = latest is null || latest.State == Runtime.ContainerState.Exited && Restarts(record, latest) ? record.Waiting : null;
        return new ContainerFacts(c, Stamped(latest), Stamped(instances.Previous(c.Name)), waiting, record.ProbeResults, record.TerminationMessage,
            latest is null ? _previousRun?.Of(record) : null);
    }

    // Most pods never get one: no facts and no allocation for them.
    ContainerFacts[] EphemeralFacts(Instances instances)
    {
        if (_ephemeral.Length == 0) return [];
        var facts = new ContainerFacts[_ephemeral.Length];
        for (var i = 0; i < facts.Length; i++) facts[i] = Facts(_ephemeral[i].Spec, instances);
        return facts;
    }

    static bool AllHaveInstances(IReadOnlyList<ContainerFacts> facts)
    {
        foreach (var f in facts)
        {
            if (f.Latest is null) return false;
        }
        return true;
    }

    // The runtime keeps simulated times (back-off and probes count from them); the status shows when things really happened.
    ContainerStatus? Stamped(ContainerStatus? instance) => instance is null || _ctx.Clock.Speed == 1 ? instance : instance with
    {
        CreatedAt = _ctx.Clock.Stamp(instance.CreatedAt),
        StartedAt = _ctx.Clock.Stamp(instance.StartedAt),
        FinishedAt = _ctx.Clock.Stamp(instance.FinishedAt),
    };
}
