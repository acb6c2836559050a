using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Model;
using PodLife.Scheduler.Preemption;
using PodLife.Scheduler.Queue;

namespace PodLife.Scheduler.Service;

/// <summary>
/// The scheduler process: list+watch of nodes and pods feeds the cache (bound pods) and the queue (pods for this scheduler);
/// while it holds the leader Lease, it pops pods, runs a cycle, and binds through pods/binding or reports why not.
/// </summary>
public sealed class SchedulerService : BackgroundService
{
    readonly IClusterApi _api;
    readonly SchedulerOptions _options;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly ClusterCache _cache = new();
    readonly SchedulingQueue _queue = new();
    readonly PodScheduler _scheduler;
    readonly Lock _lock = new();
    readonly SemaphoreSlim _wake = new(0);
    readonly Informer<V1Node> _nodes;
    readonly Informer<V1Pod> _pods;
    readonly bool _ownsPods;
    readonly HashSet<string> _binding = [];
    readonly EventSeriesRecorder _events;

    /// <summary>Bindings in flight at most; kube-scheduler has no limit, but its goroutines are cheaper than requests.</summary>
    const int MaxBindsInFlight = 64;

    readonly SemaphoreSlim _bindSlots = new(MaxBindsInFlight);
    readonly HashSet<Task> _bindings = [];

    /// <param name="sharedPods">The process's shared pod cache (the controllers read it too), which another service runs;
    /// without one the scheduler lists and watches pods itself.</param>
    public SchedulerService(IClusterApi api, SchedulerOptions options, TimeProvider time, ILoggerFactory loggers, SharedPodInformer? sharedPods = null)
    {
        _api = api;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<SchedulerService>();
        _events = new EventSeriesRecorder(api, time);
        Elector = new LeaderElector(api, options.LeaderElection, time, loggers.CreateLogger<LeaderElector>());
        var profile = SchedulerProfile.Default with { PercentageOfNodesToScore = options.PercentageOfNodesToScore };
        _scheduler = new PodScheduler(profile, options.Seed is { } seed ? new Random(seed) : new Random());
        _nodes = new Informer<V1Node>(api.ListNodesAsync, api.WatchNodesAsync, time, _logger, options.ResyncPeriod)
        {
            OnUpsert = (old, node) => Change(() =>
            {
                _cache.SetNode(node);
                if (NodeUpdateHint.MayMakePodsSchedulable(old, node)) _queue.MoveAllToActiveOrBackoff(_time.GetUtcNow());
            }),
            OnDelete = node => Change(() => _cache.RemoveNode(node.Metadata.Name)),
        };
        _ownsPods = sharedPods is null;
        _pods = sharedPods?.Pods ?? new Informer<V1Pod>(api.ListPodsAsync, api.WatchPodsAsync, time, _logger, options.ResyncPeriod)
        {
            Transform = PodCacheTrim.Trim,
        };
        _pods.Subscribe((old, pod) => Change(() => PodChanged(old, pod)), pod => Change(() => PodDeleted(pod)));
    }

    public LeaderElector Elector { get; }

    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(_nodes.RunAsync(ct), _ownsPods ? _pods.RunAsync(ct) : Task.CompletedTask, Elector.RunAsync(ct), ScheduleLoopAsync(ct), _events.RunAsync(ct));

    async Task ScheduleLoopAsync(CancellationToken ct)
    {
        try
        {
            await ScheduleUntilStoppedAsync(ct);
        }
        finally
        {
            await DrainBindingsAsync();
        }
    }

    async Task ScheduleUntilStoppedAsync(CancellationToken ct)
    {
        await Task.WhenAll(_nodes.Synced, _pods.Synced).WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            if (!Elector.IsLeader)
            {
                await Elector.WhenLeaderAsync(ct);
                continue;
            }
            QueuedPod? next;
            DateTimeOffset? wakeUp;
            lock (_lock)
            {
                next = _queue.Pop(_time.GetUtcNow());
                wakeUp = next is null ? _queue.NextWakeUp() : null;
            }
            if (next is null)
                await WaitForWorkAsync(wakeUp, ct);
            else
                await ScheduleOneAsync(next, ct);
        }
    }

    async Task ScheduleOneAsync(QueuedPod queued, CancellationToken ct)
    {
        var pod = queued.Pod;
        ScheduleResult result;
        lock (_lock)
        {
            result = _scheduler.Schedule(pod, _cache);
            if (result.NodeName is { } chosen)
            {
                _cache.Assume(pod, chosen);
                _cache.ClearNomination(pod.Key); // an assumed pod holds its room as a pod, no longer as a nomination
                _binding.Add(pod.Key);
            }
            else
                _queue.Unschedulable(queued, _time.GetUtcNow());
        }

        if (result.NodeName is not { } node)
        {
            if (result.Preemption is { } candidate)
            {
                // Hold the room at once: the watch of our status patch would come too late for the next cycles.
                lock (_lock)
                    _cache.Nominate(pod, candidate.NodeName);
                await PreemptAsync(pod.Pod, candidate, ct);
            }
            await ReportUnschedulableAsync(pod.Pod, result.FailureMessage!, ct);
            return;
        }
        // The binding cycle runs beside the next scheduling cycles, as kube-scheduler's does in its own goroutine: the
        // cache already counts the pod on its node, so waiting for the API here would only cap throughput at one
        // round trip per pod. A bounded number in flight keeps a slow API from piling up requests.
        await _bindSlots.WaitAsync(ct);
        Track(BindAsync(queued, node, ct));
    }

    async Task BindAsync(QueuedPod queued, string node, CancellationToken ct)
    {
        var pod = queued.Pod;
        try
        {
            await _api.BindAsync(pod.Pod, node, ct);
            lock (_lock)
            {
                _binding.Remove(pod.Key);
                _queue.Done(pod.Key);
            }
            await Try(() => _events.RecordAsync(SchedulerEvents.Scheduled(pod.Pod, node, _options.SchedulerName, _time.GetUtcNow()), ct));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Another scheduler won (409), the pod is gone, or the API failed: forget the assumption and try again
            // later; the watch tells the rest.
            _logger.LogInformation("binding {Pod} to {Node} failed: {Error}", pod.Key, node, e is ClusterApiException api ? api.StatusCode : e.Message);
            lock (_lock)
            {
                _binding.Remove(pod.Key);
                _cache.RemovePod(pod.Key);
                _queue.Retry(queued, _time.GetUtcNow());
            }
            _wake.Release();
        }
        finally
        {
            _bindSlots.Release();
        }
    }

    void Track(Task binding)
    {
        lock (_bindings)
            _bindings.Add(binding);
        _ = binding.ContinueWith(t => { lock (_bindings) _bindings.Remove(t); }, TaskScheduler.Default);
    }

    /// <summary>Waits for the bindings in flight (on shutdown, so none is cut off by the process ending).</summary>
    async Task DrainBindingsAsync()
    {
        Task[] pending;
        lock (_bindings)
            pending = [.. _bindings];
        try { await Task.WhenAll(pending); }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Nominates the node for the preemptor and evicts the victims there: DisruptionTarget condition, graceful delete,
    /// Preempted event (preemption.go prepareCandidate). The preemptor is retried when the victims are gone.
    /// </summary>
    async Task PreemptAsync(V1Pod preemptor, PreemptionCandidate candidate, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var nominate = new V1Pod { Status = new V1PodStatus { NominatedNodeName = candidate.NodeName } };
        await Try(() => _api.PatchPodStatusAsync(preemptor.Metadata.NamespaceProperty, preemptor.Metadata.Name, nominate, ct));
        foreach (var victim in candidate.Victims.Select(v => v.Pod).Where(v => v.Metadata.DeletionTimestamp is null))
        {
            var disruption = new V1Pod
            {
                Status = new V1PodStatus
                {
                    Conditions =
                    [
                        new V1PodCondition
                        {
                            Type = "DisruptionTarget", Status = "True", Reason = DefaultPreemption.VictimReason,
                            Message = DefaultPreemption.VictimMessage(_options.SchedulerName), LastTransitionTime = now.UtcDateTime,
                        },
                    ],
                },
            };
            var (ns, name) = (victim.Metadata.NamespaceProperty, victim.Metadata.Name);
            await Try(() => _api.PatchPodStatusAsync(ns, name, disruption, ct));
            await Try(() => _api.DeletePodAsync(ns, name, null, ct));
            await Try(() => _events.RecordAsync(SchedulerEvents.Preempted(victim, preemptor, candidate.NodeName, _options.SchedulerName, now), ct));
        }
    }

    async Task ReportUnschedulableAsync(V1Pod pod, string message, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (PodScheduledCondition.ForUnschedulable(pod, message, now) is { } condition)
            await Try(() => _api.PatchPodStatusAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, PodScheduledCondition.StatusPatch(condition), ct));
        await Try(() => _events.RecordAsync(SchedulerEvents.FailedScheduling(pod, message, _options.SchedulerName, now), ct));
    }

    void PodChanged(V1Pod? old, V1Pod pod)
    {
        var key = SchedulingPod.KeyOf(pod);
        // While our binding is in flight the pod still looks unbound; keep the assumed place.
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) && _binding.Contains(key))
            return;
        var wasBound = _cache.NodeOfPod(key) is not null;
        _cache.SetPod(pod);
        Renominate(pod);
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            _queue.Delete(key);
            // A bound pod that finished frees room: parked pods may fit now.
            if (wasBound && _cache.NodeOfPod(key) is null)
                _queue.MoveAllToActiveOrBackoff(_time.GetUtcNow());
        }
        else if (pod.Spec?.SchedulerName == _options.SchedulerName && pod.Metadata.DeletionTimestamp is null)
        {
            // Our own status patches must not requeue a parked pod (kube-scheduler's isPodUpdated ignores status).
            if (old is null || !_queue.Contains(key) || PodUpdateHint.MayChangeScheduling(old, pod))
                _queue.Update(pod, _time.GetUtcNow());
        }
        else
        {
            _queue.Delete(key);
        }
    }

    /// <summary>An unbound, live pod of ours with status.nominatedNodeName holds room there; any other pod holds none.</summary>
    void Renominate(V1Pod pod)
    {
        var key = SchedulingPod.KeyOf(pod);
        var waiting = string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Status?.Phase is not ("Succeeded" or "Failed")
            && pod.Spec?.SchedulerName == _options.SchedulerName && pod.Metadata.DeletionTimestamp is null;
        if (waiting && pod.Status?.NominatedNodeName is { Length: > 0 } node)
            _cache.Nominate(SchedulingPod.From(pod), node);
        else
            _cache.ClearNomination(key);
    }

    void PodDeleted(V1Pod pod)
    {
        var key = SchedulingPod.KeyOf(pod);
        var wasBound = _cache.NodeOfPod(key) is not null;
        _cache.RemovePod(key);
        _cache.ClearNomination(key);
        _queue.Delete(key);
        if (wasBound)
            _queue.MoveAllToActiveOrBackoff(_time.GetUtcNow());
    }

    void Change(Action change)
    {
        try
        {
            lock (_lock)
                change();
        }
        catch (ArgumentException e)
        {
            // A malformed object (no spec, no name) is skipped, never allowed to stop the scheduler.
            _logger.LogWarning(e, "ignoring malformed object");
        }
        _wake.Release();
    }

    /// <summary>How many times the loop went to sleep for lack of work (an idle scheduler must not spin).</summary>
    internal int Waits;

    async Task WaitForWorkAsync(DateTimeOffset? wakeUp, CancellationToken ct)
    {
        Interlocked.Increment(ref Waits);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Nothing parked or backing off: sleep until an event wakes us (an infinite delay, never a zero one, which
        // would turn this loop into a busy spin on an idle cluster).
        var delay = wakeUp is { } at ? Max(at - _time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        var timer = Task.Delay(delay, _time, timeout.Token);
        await Task.WhenAny(_wake.WaitAsync(timeout.Token), timer);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Status patches and events are best effort, as in kube-scheduler: a failure is logged, the cycle goes on.</summary>
    Task Try(Func<Task> call) => BestEffort.RunAsync(call, _logger, "scheduler write");
}
