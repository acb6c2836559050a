using k8s.Models;
using PodLife.Node.Events;
using PodLife.Node.Probes;
using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

// Probe workers per running instance; their results feed the status, and liveness/startup failures kill it.
public sealed partial class PodWorker
{
    void EnsureProbes(V1Pod pod, ContainerRecord record, ContainerStatus instance)
    {
        if (record.ProbedInstance == instance.Id || instance.State != Runtime.ContainerState.Running) return;
        record.StopProbes();
        record.ProbedInstance = instance.Id;
        var target = Target(record, instance.Id);
        var startedAt = instance.StartedAt ?? Now;
        void Add(ProbeKind kind, V1Probe? probe, Func<bool> mayRun)
        {
            if (probe is null) return;
            record.Probes.Add(new ProbeWorker(kind, probe, target, startedAt, _ctx.Clock.Timers, mayRun,
                (worker, outcome) => OnProbedAsync(pod, record, worker, outcome)));
        }
        Add(ProbeKind.Startup, record.Spec.StartupProbe, () => true);
        Add(ProbeKind.Liveness, record.Spec.LivenessProbe, () => record.Started);
        Add(ProbeKind.Readiness, record.Spec.ReadinessProbe, () => record.Started);
    }

    async Task OnProbedAsync(V1Pod pod, ContainerRecord record, ProbeWorker worker, ProbeOutcome outcome)
    {
        var name = worker.Kind.ToString();
        if (!outcome.Success)
        {
            // pkg/kubelet/prober: an error from the runtime is reported apart from a probe that ran and failed.
            var message = outcome.Errored
                ? $"{name} probe errored and resulted in unknown state: {outcome.Error}"
                : $"{name} probe failed: {outcome.Output}";
            await Event(_pod, record, "Warning", EventReasons.Unhealthy, message, _life.Token).ConfigureAwait(false);
        }
        if (worker.GaveUp) record.KillFor = name.ToLowerInvariant();
        RequestSync();
    }
}
