using k8s;
using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Lifecycle;
using PodLife.Node.Events;
using PodLife.Node.Probes;
using PodLife.Node.Runtime;
using ContainerReasons = PodLife.Core.Lifecycle.ContainerReasons;

namespace PodLife.Node.Pods;

// Starting and restarting containers (kuberuntime_manager.go computePodActions, doBackOff; kuberuntime_container.go startContainer).
public sealed partial class PodWorker
{
    async Task SyncContainerAsync(V1Pod pod, ContainerRecord record, Instances instances, CancellationToken ct)
    {
        var latest = instances.Latest(record.Name);
        if (latest?.State is Runtime.ContainerState.Running or Runtime.ContainerState.Created)
        {
            // kubelet's computePodActions: a container whose definition changed (kubectl set image) is killed and
            // started again at once, whatever the restart policy; a regular init container that ran is left alone.
            if (latest.State == Runtime.ContainerState.Running && (!record.IsInit || record.IsSidecar) && !record.IsEphemeral
                && ContainerConfigs.Changed(record.Spec, latest))
            {
                record.StopProbes();
                record.RestartNow = true;
                await KillContainerAsync(pod, record, latest.Id, EventReasons.DefinitionChangedMessage(record.Name), Now + GracePeriod(pod), ct).ConfigureAwait(false);
            }
            else
            {
                EnsureProbes(pod, record, latest);
                return;
            }
        }
        if (latest is { State: Runtime.ContainerState.Exited } exited && !record.RestartNow)
        {
            if (!Restarts(record, exited)) return;
            // kubelet keys the restart back-off by the container's hash: a changed spec (a fixed image) starts afresh.
            if (ContainerConfigs.Changed(record.Spec, exited)) record.Backoff = null;
            var finishedAt = exited.FinishedAt ?? Now;
            var decision = ContainerRestartBackoff.Decide(record.Backoff, finishedAt, Now);
            if (decision.InBackOff)
            {
                record.Waiting = ContainerStates.CrashLoopBackOff(decision.Delay, record.Name, pod.Name(), pod.Namespace(), pod.Uid());
                await Event(pod, record, "Warning", ContainerRestartBackoff.EventReason,
                    ContainerRestartBackoff.EventMessage(record.Name, pod.Name(), pod.Namespace(), pod.Uid()), ct).ConfigureAwait(false);
                WakeAt(finishedAt + decision.Delay);
                return;
            }
            record.Backoff = decision.Entry;
        }
        if (!await EnsureImageAsync(pod, record, ct).ConfigureAwait(false)) return;
        record.RestartNow = false;
        await StartAsync(pod, record, latest is null ? record.FirstAttempt : latest.Config.Attempt + 1, ct).ConfigureAwait(false);
    }

    // kubelet's ShouldContainerBeRestarted for an exited container: never once the pod is being deleted; else by the
    // pod's restart policy, a sidecar always.
    bool Restarts(ContainerRecord record, ContainerStatus exited) =>
        _pod.Metadata?.DeletionTimestamp is null && (record.IsSidecar || RestartPolicies.Restarts(RestartPolicy, exited.ExitCode));

    async Task StartAsync(V1Pod pod, ContainerRecord record, int attempt, CancellationToken ct)
    {
        IReadOnlyList<KeyValuePair<string, string>> env;
        try
        {
            var serviceEnv = await ServiceEnvAsync(pod, ct).ConfigureAwait(false);
            env = EnvironmentVariables.Resolve(record.Spec, pod, await SourcesAsync(pod, EnvSources.Referenced(record.Spec), ct).ConfigureAwait(false), PodIp, _ctx.HostIp, serviceEnv);
        }
        catch (ContainerConfigException e)
        {
            await FailAsync(pod, record, ContainerReasons.CreateContainerConfigError, e.Message, ct).ConfigureAwait(false);
            return;
        }
        // An ephemeral container joins its target's process namespace: the target must be running (kubelet's getTargetID).
        string? target = null;
        if (record.TargetContainerName is { Length: > 0 } targetName)
        {
            target = (await InstancesAsync(ct).ConfigureAwait(false)).Latest(targetName) is { State: Runtime.ContainerState.Running } running ? running.Id : null;
            if (target is null)
            {
                await FailAsync(pod, record, ContainerReasons.CreateContainerConfigError, $"unable to find target container {targetName}", ct).ConfigureAwait(false);
                return;
            }
        }
        string id;
        try
        {
            var config = ContainerConfigs.For(record.Spec, attempt, pod, env) with
            {
                Mounts = await MountsAsync(pod, record.Spec, attempt, ct).ConfigureAwait(false),
                TargetContainerId = target,
            };
            id = await _ctx.Runtime.CreateContainerAsync(SandboxId!, config, SandboxConfig(pod), ct).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e)
        {
            // kubelet words create and start failures with the gRPC status's message alone (s.Message()).
            await FailAsync(pod, record, ContainerReasons.CreateContainerError, e.Description, ct).ConfigureAwait(false);
            return;
        }
        await Event(pod, record, "Normal", EventReasons.Created, EventReasons.CreatedMessage(record.Name), ct).ConfigureAwait(false);
        try
        {
            await _ctx.Runtime.StartContainerAsync(id, ct).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e)
        {
            await FailAsync(pod, record, ContainerReasons.RunContainerError, e.Description, ct).ConfigureAwait(false);
            return;
        }
        record.Waiting = null;
        await Event(pod, record, "Normal", EventReasons.Started, EventReasons.StartedMessage(record.Name), ct).ConfigureAwait(false);
        if (record.Spec.Lifecycle?.PostStart is { } postStart)
        {
            var outcome = await ActionRunner.RunAsync(postStart, Target(record, id), GracePeriod(pod), ct).ConfigureAwait(false);
            if (!outcome.Success)
            {
                // As kubelet's startContainer: the event without the hook's output, the kill, and the output kept as the
                // reason the container waits (its reason cache): PostStartHookError until the next start or back-off.
                await Event(pod, record, "Warning", EventReasons.FailedPostStartHook, EventReasons.PostStartHookFailedMessage, ct).ConfigureAwait(false);
                await KillContainerAsync(pod, record, id, EventReasons.PostStartKillMessage, Now + GracePeriod(pod), ct).ConfigureAwait(false);
                record.Waiting = ContainerStates.Waiting(ContainerReasons.PostStartHookError, HookMessages.Failed(postStart, record.Name, pod, outcome));
                return;
            }
        }
        var status = await _ctx.Runtime.ContainerStatusAsync(id, ct).ConfigureAwait(false);
        EnsureProbes(pod, record, status);
    }

    // kubelet waits for its service informer's first list before it makes a container's variables, and fails the
    // container without it; the node's feed starts with the node, so a short wait covers a pod bound at start-up.
    static readonly TimeSpan ServicesSyncWait = TimeSpan.FromSeconds(10);

    async Task<IReadOnlyList<KeyValuePair<string, string>>> ServiceEnvAsync(V1Pod pod, CancellationToken ct)
    {
        if (_ctx.Services is not { } services) return [];
        try
        {
            await services.Synced.WaitAsync(ServicesSyncWait, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ContainerConfigException("services have not yet been read at least once, cannot construct envvars");
        }
        return services.Environment(pod.Namespace() ?? "default", pod.Spec.EnableServiceLinks ?? true);
    }

    // kubelet reads them through its ConfigMap and Secret managers; a missing one is null (NotFound).
    async Task<EnvSources> SourcesAsync(V1Pod pod, (IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets) names, CancellationToken ct)
    {
        var (configMapNames, secretNames) = names;
        if (configMapNames.Count == 0 && secretNames.Count == 0) return EnvSources.None;
        var ns = pod.Namespace() ?? "default";
        var configMaps = new Dictionary<string, V1ConfigMap?>();
        foreach (var name in configMapNames)
            configMaps[name] = await OrNullAsync(() => _ctx.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct)).ConfigureAwait(false);
        var secrets = new Dictionary<string, V1Secret?>();
        foreach (var name in secretNames)
            secrets[name] = await OrNullAsync(() => _ctx.Client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct)).ConfigureAwait(false);
        return new EnvSources(configMaps, secrets);
    }

    static async Task<T?> OrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    async Task FailAsync(V1Pod pod, ContainerRecord record, string reason, string message, CancellationToken ct)
    {
        record.Waiting = ContainerStates.Waiting(reason, message);
        await Event(pod, record, "Warning", EventReasons.Failed, EventReasons.ErrorMessage(message), ct).ConfigureAwait(false);
        WakeAt(Now + TimeSpan.FromSeconds(10));
    }

    // A liveness or startup probe gave up: kill the instance; the restart logic brings the next one.
    async Task KillUnhealthyAsync(V1Pod pod, Instances instances, CancellationToken ct)
    {
        foreach (var record in _records.Values.Where(r => r.KillFor is not null))
        {
            var probe = record.KillFor!;
            record.KillFor = null;
            var running = instances.Latest(record.Name);
            if (running is not { State: Runtime.ContainerState.Running }) continue;
            record.StopProbes();
            var grace = (probe == "liveness" ? record.Spec.LivenessProbe : record.Spec.StartupProbe)?.TerminationGracePeriodSeconds;
            await KillContainerAsync(pod, record, running.Id, EventReasons.FailedProbeMessage(record.Name, probe),
                Now + (grace is { } g ? TimeSpan.FromSeconds(g) : GracePeriod(pod)), ct).ConfigureAwait(false);
        }
    }

    TimeSpan GracePeriod(V1Pod pod) => TimeSpan.FromSeconds(pod.Spec.TerminationGracePeriodSeconds ?? 30);

    ActionTarget Target(ContainerRecord record, string containerId) =>
        new(_ctx.Runtime, _ctx.Network, containerId, record.Spec, PodIp ?? "");

    Task Event(V1Pod pod, ContainerRecord record, string type, string reason, string message, CancellationToken ct) =>
        _ctx.Events.RecordAsync(pod, EventRecorder.FieldPath(record.Name, record.IsInit, record.IsEphemeral), type, reason, message, ct);
}
