using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Controllers.PodGc;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;

namespace PodLife.Controllers.Service;

/// <summary>
/// The pod garbage collector: every 20s it applies <see cref="PodGarbageRules"/> to the watched pods and nodes. With
/// <paramref name="shared"/> it reads caches that their owner runs; without, it runs caches of its own.
/// </summary>
public sealed class PodGcController(IClusterApi api, ControllersOptions options, LeaderElector elector, TimeProvider time,
    ILogger<PodGcController> logger, ControllerInformers? shared = null)
    : BackgroundService
{
    readonly ControllerInformers _informers = shared ?? new(api, options, time, logger);
    readonly Dictionary<string, DateTimeOffset> _missingSince = [];

    public Task Synced => Task.WhenAll(_informers.Nodes.Synced, _informers.Pods.Synced);

    protected override Task ExecuteAsync(CancellationToken ct) => Task.WhenAll(shared is null ? _informers.RunAsync(ct) : Task.CompletedTask, LoopAsync(ct));

    async Task LoopAsync(CancellationToken ct)
    {
        await Synced.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            if (elector.IsLeader)
                await RunOnceAsync(time.GetUtcNow(), ct);
            await Task.Delay(PodGarbageRules.Period, time, ct);
        }
    }

    /// <summary>One collection; public so tests can drive it with a fake clock.</summary>
    public async Task<IReadOnlyList<PodGcAction>> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var pods = _informers.Pods.Snapshot();
        var nodes = _informers.Nodes.Snapshot().ToDictionary(n => n.Metadata.Name);
        // The quarantine starts when a pod's node is first seen missing; a node that is back ends it.
        var missing = pods.Select(p => p.Spec?.NodeName).OfType<string>().Where(n => n.Length > 0 && !nodes.ContainsKey(n)).ToHashSet();
        foreach (var gone in _missingSince.Keys.Where(n => !missing.Contains(n)).ToList())
            _missingSince.Remove(gone);
        foreach (var name in missing)
            _missingSince.TryAdd(name, now);

        var actions = PodGarbageRules.Decide(pods, nodes, _missingSince, options.TerminatedPodGcThreshold, now);
        foreach (var action in actions)
        {
            var (ns, name) = (action.Pod.Metadata.NamespaceProperty, action.Pod.Metadata.Name);
            if (action.DisruptionTarget is { } condition)
            {
                // markFailedAndDeletePodWithCondition: phase Failed unless already terminal, then force delete.
                var terminal = action.Pod.Status?.Phase is "Succeeded" or "Failed";
                var patch = new V1Pod { Status = new V1PodStatus { Phase = terminal ? null : "Failed", Conditions = [condition] } };
                await BestEffort.RunAsync(() => api.PatchPodStatusAsync(ns, name, patch, ct), logger, "pod GC status");
            }
            await BestEffort.RunAsync(() => api.DeletePodAsync(ns, name, 0, ct), logger, "pod GC delete");
        }
        return actions;
    }
}
