using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Lifecycle;
using PodLife.Node.Probes;

namespace PodLife.Node.Pods;

/// <summary>What a pod worker remembers about one container between syncs: why it waits, its back-off and its probes.</summary>
internal sealed class ContainerRecord(V1Container spec, bool isInit, bool isEphemeral = false)
{
    /// <summary>The container in the latest version of the pod the worker was given.</summary>
    public V1Container Spec { get; set; } = spec;
    public bool IsInit { get; } = isInit;

    /// <summary>An ephemeral container (`kubectl debug`): started once when it appears in the spec, never restarted.</summary>
    public bool IsEphemeral { get; } = isEphemeral;

    /// <summary>An ephemeral container's targetContainerName: the container whose processes it sees.</summary>
    public string? TargetContainerName { get; init; }
    public bool IsSidecar => IsInit && RestartPolicies.IsSidecar(Spec);
    public string Name => Spec.Name;

    /// <summary>The attempt of this container's first instance on this node (past 0 for a pod the node ran before it restarted).</summary>
    public int FirstAttempt { get; set; }

    /// <summary>Why the next instance is not running (CrashLoopBackOff, ErrImagePull, …); null when nothing holds it back.</summary>
    public V1ContainerState? Waiting { get; set; }

    /// <summary>The restart back-off entry (ContainerRestartBackoff), null before the first restart.</summary>
    public BackoffEntry? Backoff { get; set; }

    /// <summary>The instance the probes watch.</summary>
    public string? ProbedInstance { get; set; }

    public List<ProbeWorker> Probes { get; } = [];

    /// <summary>Set when the instance was killed because the container's spec changed: the next one starts at once, whatever the restart policy.</summary>
    public bool RestartNow { get; set; }

    /// <summary>Set by a liveness or startup probe that gave up ("liveness", "startup"); the next sync kills the instance.</summary>
    public string? KillFor { get; set; }

    /// <summary>The termination message of the latest instance, after FallbackToLogsOnError.</summary>
    public string? TerminationMessage { get; set; }

    public ProbeResults ProbeResults => new(
        HasStartupProbe: Spec.StartupProbe is not null,
        StartupSucceeded: Probes.Any(p => p.Kind == ProbeKind.Startup && p.Counter.Result == true),
        HasReadinessProbe: Spec.ReadinessProbe is not null,
        ReadinessSucceeded: Probes.Any(p => p.Kind == ProbeKind.Readiness && p.Counter.Result == true));

    /// <summary>Whether the startup probe (if any) has passed, so liveness and readiness may run.</summary>
    public bool Started => Spec.StartupProbe is null || ProbeResults.StartupSucceeded;

    public void StopProbes()
    {
        Probes.ForEach(p => p.Dispose());
        Probes.Clear();
        ProbedInstance = null;
    }
}
