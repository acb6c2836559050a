using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Lifecycle;
using PodLife.Node.Agent;
using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

/// <summary>
/// Drives one pod through its lifecycle, level-triggered: every sync looks at the latest pod and the runtime and
/// does the next step. Syncs never overlap, a request during a sync causes one more sync, and waits are timers on
/// the clock, so a worker costs no thread.
/// </summary>
public sealed partial class PodWorker : IDisposable
{
    readonly PodWorkerContext _ctx;
    readonly Lock _gate = new();
    readonly DueTimer _timer;
    readonly Dictionary<string, ContainerRecord> _records = [];
    // The ephemeral containers' records too, in the order they were added (a new array each time one is).
    ContainerRecord[] _ephemeral = [];
    readonly CancellationTokenSource _life = new();
    V1Pod _pod;
    bool _running, _dirty;
    DateTimeOffset _nextWake = DateTimeOffset.MaxValue;
    DateTime? _startTime;
    UInt128? _lastWritten;
    V1PodStatus? _lastStatus;
    ulong _jitter;

    public PodWorker(V1Pod pod, PodWorkerContext context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        (_pod, _ctx) = (pod, context);
        _jitter = StableJitter.Seed(pod.Uid() ?? "");
        foreach (var c in pod.Spec.InitContainers ?? []) _records[c.Name] = new ContainerRecord(c, true);
        foreach (var c in pod.Spec.Containers ?? []) _records[c.Name] = new ContainerRecord(c, false);
        AddEphemeralRecords(pod);
        _timer = context.Clock.Timers.Create(Wake);
    }

    /// <summary>The pod's uid.</summary>
    public string Uid => _pod.Uid();

    /// <summary>The latest pod this worker was given.</summary>
    public V1Pod Pod => _pod;

    /// <summary>The pod's sandbox once created.</summary>
    public string? SandboxId { get; private set; }

    /// <summary>True once the pod's containers are stopped for good and, if it was deleted, the API object is gone.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True while a sync runs or is asked for (a timer-stepping test waits for every worker to be idle).</summary>
    public bool IsSyncing
    {
        get
        {
            lock (_gate) return _running;
        }
    }

    /// <summary>Completes when the worker has finished (tests and shutdown wait on it).</summary>
    public event Action<PodWorker>? Finished;

    /// <summary>
    /// Hands the worker a newer version of its pod, and syncs if the pod itself changed (not its status alone); a
    /// deletion interrupts a pull in progress.
    /// </summary>
    public void Update(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var first = ReferenceEquals(pod, _pod);
        var changed = first || PodChange.Differs(_pod, pod);
        _pod = pod;
        SawVersion(OwnStatusWrites.Parse(pod.ResourceVersion()));
        if (_lastStatus is not null) DropOwnConditions(pod);
        // The records follow the latest version: holding the first one's containers kept a second copy of them (their
        // mounts, ports, resources) for the pod's whole life. A record is never removed; only ephemeral containers
        // (which can only be added to a pod) are added after construction.
        foreach (var c in pod.Spec?.InitContainers ?? []) RefreshRecord(c);
        foreach (var c in pod.Spec?.Containers ?? []) RefreshRecord(c);
        AddEphemeralRecords(pod);
        if (changed || PodChange.MayNeedReadinessReconciled(pod)) RequestSync();
    }

    // Once the node has written a status, its own conditions come from that status (MergedConditions) and the watched
    // pod's copies of them are never read again: five conditions per pod for the pod's life (a heap dump at 20,000 pods).
    // A new list replaces the old one, so a sync reading the old one meanwhile is not disturbed.
    static void DropOwnConditions(V1Pod pod)
    {
        if (pod.Status is { } status) status.Conditions = PodConditions.Without(status.Conditions, PodConditionTypes.IsOwnedByKubelet);
    }

    void RefreshRecord(V1Container container)
    {
        if (_records.TryGetValue(container.Name, out var record)) record.Spec = container;
    }

    // The API never lets an ephemeral container change once added, so its record keeps the first version it saw.
    void AddEphemeralRecords(V1Pod pod)
    {
        if (pod.Spec?.EphemeralContainers is not { Count: > 0 } added) return;
        foreach (var e in added)
        {
            if (e?.Name is not { } name || _records.ContainsKey(name)) continue;
            var record = new ContainerRecord(EphemeralContainers.AsContainer(e), false, isEphemeral: true) { TargetContainerName = e.TargetContainerName };
            _records[name] = record;
            _ephemeral = [.. _ephemeral, record];
        }
    }


    /// <summary>Asks for a sync now (a runtime event, a probe result).</summary>
    public void RequestSync()
    {
        lock (_gate)
        {
            if (_running)
            {
                _dirty = true;
                return;
            }
            _running = true;
        }
        _ = Task.Run(LoopAsync);
    }

    async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                if (!IsFinished && !_life.IsCancellationRequested)
                {
                    await SyncAsync(_life.Token).ConfigureAwait(false);
                    if (!IsFinished) WakeAt(ResyncDue(Now + ResyncDelay()));
                }
            }
            catch (OperationCanceledException) when (_life.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // kubelet's pod workers requeue a failed sync after backOffPeriod (10s).
                _ctx.Logger.LogWarning(e, "sync of pod {Namespace}/{Pod} failed", _pod.Namespace(), _pod.Name());
                WakeAt(Now + TimeSpan.FromSeconds(10));
            }
            lock (_gate)
            {
                if (!_dirty)
                {
                    _running = false;
                    return;
                }
                _dirty = false;
            }
        }
    }

    void Wake()
    {
        lock (_gate) _nextWake = DateTimeOffset.MaxValue;
        RequestSync();
    }

    /// <summary>Syncs again at <paramref name="due"/> unless an earlier wake-up is already set.</summary>
    void WakeAt(DateTimeOffset due)
    {
        // Set under the gate, so of two racing calls the earlier due time is the one that stays set.
        lock (_gate)
        {
            if (due >= _nextWake) return;
            _nextWake = due;
            _timer.Set(due);
        }
    }

    DateTimeOffset Now => _ctx.Clock.Now;

    /// <summary>kubelet's syncFrequency: each pod worker is synced again at least this often.</summary>
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromMinutes(1);

    // pod_workers.go requeues a worker after resyncInterval with workerResyncIntervalJitterFactor 0.5, so that a
    // change no event announced is still acted on and thousands of workers do not resync in step. Seeded by the pod,
    // so a simulation stays deterministic given the clock.
    TimeSpan ResyncDelay() => ResyncInterval * (1 + 0.5 * StableJitter.Next(ref _jitter));

    /// <summary>How finely resyncs are timed: those due within one slot of the clock run together.</summary>
    public static readonly TimeSpan ResyncSlot = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// <paramref name="due"/> rounded up to the end of its <see cref="ResyncSlot"/>. At 100,000 pods about 1,300 resyncs
    /// fall due each second at random moments, and each woke the process on its own: the timer, then a thread-pool
    /// thread (futex wake-ups and spinning were a third of an idle 100,000-pod cluster's CPU). Rounded up, a slot's
    /// resyncs share one wake-up; a resync comes 60-90 s after the last sync anyway, so 100 ms later changes nothing.
    /// </summary>
    public static DateTimeOffset ResyncDue(DateTimeOffset due)
    {
        var slot = ResyncSlot.Ticks;
        var ticks = due.UtcTicks % slot == 0 ? due.UtcTicks : (due.UtcTicks / slot + 1) * slot;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    string RestartPolicy => RestartPolicies.Of(_pod.Spec);

    void Finish()
    {
        IsFinished = true;
        foreach (var r in _records.Values) r.StopProbes();
        _ctx.Events.Forget(Uid);
        Finished?.Invoke(this);
    }

    public void Dispose()
    {
        _life.Cancel();
        _timer.Dispose();
        foreach (var r in _records.Values) r.StopProbes();
    }
}
