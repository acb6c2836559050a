using k8s.Models;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Queue;

/// <summary>
/// kube-scheduler's priority queue (pkg/scheduler/backend/queue): activeQ ordered by priority then queue time, backoffQ for
/// pods waiting out their back-off, unschedulablePods parked until a cluster event (node or pod change) may help, and
/// gated pods held until their schedulingGates are removed. Time is a parameter; not thread-safe (the caller locks).
/// </summary>
public sealed class SchedulingQueue
{
    /// <summary>podMaxInUnschedulablePodsDuration: parked pods are retried at least this often even without events.</summary>
    public static readonly TimeSpan MaxInUnschedulable = TimeSpan.FromMinutes(5);

    readonly Dictionary<string, QueuedPod> _pods = [];
    readonly Dictionary<string, Place> _where = [];
    readonly PriorityQueue<QueuedPod, (int, DateTimeOffset, long)> _active = new();
    readonly PriorityQueue<QueuedPod, (DateTimeOffset, long)> _backoff = new();
    readonly Dictionary<string, DateTimeOffset> _unschedulableSince = [];
    long _version;
    long _cycle;
    long _moveRequestCycle = -1;

    enum Place { Active, Backoff, Unschedulable, Gated, InFlight }

    public int ActiveCount => Count(Place.Active);
    public int BackoffCount => Count(Place.Backoff);
    public int UnschedulableCount => Count(Place.Unschedulable);
    public int GatedCount => Count(Place.Gated);

    public bool Contains(string key) => _pods.ContainsKey(key);

    /// <summary>A new unscheduled pod: gated pods wait, others go straight to activeQ.</summary>
    public void Add(V1Pod pod, DateTimeOffset now)
    {
        var queued = new QueuedPod(SchedulingPod.From(pod), now);
        var key = queued.Pod.Key;
        if (_pods.ContainsKey(key))
        {
            Update(pod, now);
            return;
        }
        _pods[key] = queued;
        if (IsGated(pod))
            _where[key] = Place.Gated;
        else
            ToActive(queued);
    }

    /// <summary>A changed unscheduled pod: removing the last gate or any change to a parked pod makes it worth another try.</summary>
    public void Update(V1Pod pod, DateTimeOffset now)
    {
        var key = SchedulingPod.KeyOf(pod);
        if (!_pods.TryGetValue(key, out var queued))
        {
            Add(pod, now);
            return;
        }
        queued.Pod = SchedulingPod.From(pod);
        switch (_where[key])
        {
            case Place.Gated when !IsGated(pod):
                queued.Timestamp = now;
                ToActive(queued);
                break;
            case Place.Unschedulable:
                RemoveCompacting(_unschedulableSince, key);
                ToActiveOrBackoff(queued, now);
                break;
            case Place.Active or Place.Backoff:
                // Re-insert so the heap sees the new priority; the stale entry is skipped by version.
                if (_where[key] == Place.Active) ToActive(queued); else ToBackoff(queued);
                break;
        }
    }

    /// <summary>A pod deleted, or bound by someone else: forget it wherever it is.</summary>
    public void Delete(string key)
    {
        RemoveCompacting(_pods, key);
        RemoveCompacting(_where, key);
        RemoveCompacting(_unschedulableSince, key);
    }

    // A Dictionary keeps its size after removals, and walking it walks every slot it ever used: after a burst of 100,000
    // pods had passed through the queue, each walk of a nearly empty table cost as much as a full one (35 % of the
    // samples in a profile of the idle cluster, in NextWakeUp as it was). Shrunk once it is mostly empty.
    static void RemoveCompacting<TValue>(Dictionary<string, TValue> table, string key)
    {
        if (table.Remove(key) && table.Count < table.EnsureCapacity(0) / 8 && table.EnsureCapacity(0) > 1024)
            table.TrimExcess();
    }

    /// <summary>The next pod to schedule, or null: pods whose back-off ended are moved to activeQ first.</summary>
    public QueuedPod? Pop(DateTimeOffset now)
    {
        FlushBackoff(now);
        FlushUnschedulableLeftover(now);
        while (_active.TryDequeue(out var queued, out var order))
        {
            var key = queued.Pod.Key;
            if (!IsCurrent(queued, Place.Active) || queued.Version != order.Item3)
                continue;
            _where[key] = Place.InFlight;
            queued.Attempts++;
            queued.Cycle = ++_cycle;
            return queued;
        }
        return null;
    }

    /// <summary>The popped pod was bound (or assumed): it leaves the queue.</summary>
    public void Done(string key) => Delete(key);

    /// <summary>
    /// The popped pod did not fit: it parks in unschedulablePods, unless a cluster event arrived while it was being
    /// scheduled (that event might have helped), in which case it only waits out its back-off.
    /// </summary>
    public void Unschedulable(QueuedPod queued, DateTimeOffset now)
    {
        if (!IsCurrent(queued, Place.InFlight))
            return;
        queued.Timestamp = now;
        if (_moveRequestCycle >= queued.Cycle)
        {
            ToBackoff(queued);
            return;
        }
        _where[queued.Pod.Key] = Place.Unschedulable;
        _unschedulableSince[queued.Pod.Key] = now;
    }

    /// <summary>The popped pod hit an error (API failure, binding conflict): retry after its back-off.</summary>
    public void Retry(QueuedPod queued, DateTimeOffset now)
    {
        if (!IsCurrent(queued, Place.InFlight))
            return;
        queued.Timestamp = now;
        ToBackoff(queued);
    }

    /// <summary>A node was added or changed, or a bound pod went away: every parked pod gets another chance.</summary>
    public void MoveAllToActiveOrBackoff(DateTimeOffset now)
    {
        _moveRequestCycle = _cycle;
        foreach (var key in _unschedulableSince.Keys.ToList())
        {
            RemoveCompacting(_unschedulableSince, key);
            ToActiveOrBackoff(_pods[key], now);
        }
    }

    /// <summary>When the shell should wake up even without events: the next back-off expiry or parked-pod flush.</summary>
    /// <remarks>
    /// Asked each time the scheduler runs out of work, that is after nearly every pod event: it reads the top of backoffQ
    /// (dropping the entries there made stale by a later move, as <see cref="Pop"/> would) and the parked pods, never
    /// every pod the queue holds.
    /// </remarks>
    public DateTimeOffset? NextWakeUp()
    {
        while (_backoff.TryPeek(out var queued, out var entry) && !IsCurrentBackoff(queued, entry.Item2))
            _backoff.Dequeue();
        DateTimeOffset? next = _backoff.TryPeek(out _, out var top) ? top.Item1 : null;
        foreach (var since in _unschedulableSince.Values)
        {
            var at = since + MaxInUnschedulable;
            if (next is null || at < next)
                next = at;
        }
        return next;
    }

    static bool IsGated(V1Pod pod) => pod.Spec?.SchedulingGates is { Count: > 0 };

    bool IsCurrent(QueuedPod queued, Place place) =>
        _pods.TryGetValue(queued.Pod.Key, out var current) && ReferenceEquals(current, queued) && _where[queued.Pod.Key] == place;

    bool IsCurrentBackoff(QueuedPod queued, long version) => IsCurrent(queued, Place.Backoff) && queued.Version == version;

    int Count(Place place) => _where.Values.Count(p => p == place);

    void ToActiveOrBackoff(QueuedPod queued, DateTimeOffset now)
    {
        if (queued.BackoffExpiry > now)
            ToBackoff(queued);
        else
            ToActive(queued);
    }

    void ToActive(QueuedPod queued)
    {
        _where[queued.Pod.Key] = Place.Active;
        queued.Version = ++_version;
        // Higher priority first, then the earlier queue time (PrioritySort).
        _active.Enqueue(queued, (-queued.Pod.Priority, queued.Timestamp, queued.Version));
    }

    void ToBackoff(QueuedPod queued)
    {
        _where[queued.Pod.Key] = Place.Backoff;
        queued.Version = ++_version;
        _backoff.Enqueue(queued, (queued.BackoffExpiry, queued.Version));
    }

    void FlushBackoff(DateTimeOffset now)
    {
        while (_backoff.TryPeek(out var queued, out var at) && at.Item1 <= now)
        {
            _backoff.Dequeue();
            if (IsCurrentBackoff(queued, at.Item2))
                ToActive(queued);
        }
    }

    void FlushUnschedulableLeftover(DateTimeOffset now)
    {
        if (_unschedulableSince.Count == 0)
            return; // asked on every Pop
        foreach (var (key, since) in _unschedulableSince.Where(e => now - e.Value > MaxInUnschedulable).ToList())
        {
            RemoveCompacting(_unschedulableSince, key);
            ToActiveOrBackoff(_pods[key], now);
        }
    }
}
