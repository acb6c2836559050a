namespace PodLife.Node.Agent;

/// <summary>
/// One timer on a clock for many wake-ups (every pod worker's resync and back-off, every probe's period): a queue of
/// due times, ordered by due time, and one <see cref="ITimer"/> armed for the earliest. With 100,000 pods, a runtime
/// timer per worker moved on every sync made the runtime's timer queue (a lock per core) the hottest lock of the
/// process; here moving a wake-up is a heap insert under one short lock, and the runtime timer moves only when the
/// earliest due time does.
/// </summary>
/// <remarks>
/// Callbacks run one after another on the thread the clock's timer fired on, outside the lock, so each must be
/// short and hand real work to the thread pool. A wake-up set again, cleared or disposed leaves its old entry in the
/// queue; the entry is recognised as stale by its version and dropped when it reaches the head.
/// </remarks>
public sealed class DueTimers(TimeProvider clock) : IDisposable
{
    readonly Lock _lock = new();
    readonly PriorityQueue<(DueTimer Timer, long Version), (DateTimeOffset Due, long Sequence)> _queue = new();
    ITimer? _timer;
    DateTimeOffset? _armedFor;
    long _sequence;
    bool _disposed;

    /// <summary>The clock's present (the time <see cref="DueTimer.Set"/> is compared with).</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A wake-up that calls <paramref name="callback"/> each time a due time set on it passes; none is set yet.</summary>
    public DueTimer Create(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new DueTimer(this, callback);
    }

    /// <summary>How many entries the queue holds, stale ones included (for tests).</summary>
    internal int QueuedEntries
    {
        get
        {
            lock (_lock) return _queue.Count;
        }
    }

    internal void Set(DueTimer timer, DateTimeOffset due)
    {
        lock (_lock)
        {
            if (_disposed || timer.Callback is null) return;
            timer.Version++;
            timer.DueAt = due;
            _queue.Enqueue((timer, timer.Version), (due, _sequence++));
            if (_armedFor is null || due < _armedFor) Arm(due);
        }
    }

    internal void Clear(DueTimer timer, bool dispose)
    {
        lock (_lock)
        {
            timer.Version++;
            timer.DueAt = null;
            // A disposed wake-up's stale entry may wait in the queue for a while; without its callback it keeps
            // nothing else (a deleted pod's worker) alive.
            if (dispose) timer.Callback = null;
        }
    }

    internal DateTimeOffset? DueOf(DueTimer timer)
    {
        lock (_lock) return timer.DueAt;
    }

    void Fire()
    {
        List<Action>? due = null;
        lock (_lock)
        {
            if (_disposed) return;
            _armedFor = null;
            var now = clock.GetUtcNow();
            while (_queue.TryPeek(out var entry, out var key))
            {
                if (entry.Version != entry.Timer.Version)
                {
                    _queue.Dequeue();
                    continue;
                }
                if (key.Due > now) break;
                _queue.Dequeue();
                entry.Timer.DueAt = null;
                (due ??= []).Add(entry.Timer.Callback!);
            }
            // The clock's timer may fire a moment early (rounding of a scaled clock, a coarse runtime timer): the
            // head is then not due yet and the timer is armed again for it.
            if (_queue.TryPeek(out _, out var next)) Arm(next.Due);
        }
        if (due is null) return;
        foreach (var callback in due) callback();
    }

    void Arm(DateTimeOffset due)
    {
        _armedFor = due;
        _timer ??= clock.CreateTimer(static self => ((DueTimers)self!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var wait = due - clock.GetUtcNow();
        // A zero due time would fire inside Change on some providers; one tick keeps callbacks out of callers' frames.
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _queue.Clear();
            _timer?.Dispose();
        }
    }
}

/// <summary>
/// A wake-up of <see cref="DueTimers"/>: at most one due time at once; <see cref="Set"/> replaces it (earlier or later),
/// and once it passes the callback runs once and nothing is due until the next <see cref="Set"/>.
/// </summary>
public sealed class DueTimer : IDisposable
{
    readonly DueTimers _owner;

    internal DueTimer(DueTimers owner, Action callback) => (_owner, Callback) = (owner, callback);

    // Guarded by the owner's lock.
    internal Action? Callback { get; set; }
    internal long Version { get; set; }
    internal DateTimeOffset? DueAt { get; set; }

    /// <summary>The due time set and not yet passed, or null.</summary>
    public DateTimeOffset? Due => _owner.DueOf(this);

    /// <summary>Calls back once <paramref name="due"/> has passed (at once, on the timer's thread, if it already has), replacing any due time set before.</summary>
    public void Set(DateTimeOffset due) => _owner.Set(this, due);

    /// <summary>Forgets the due time, if any.</summary>
    public void Clear() => _owner.Clear(this, dispose: false);

    /// <summary>Forgets the due time for good: later <see cref="Set"/> calls do nothing.</summary>
    public void Dispose() => _owner.Clear(this, dispose: true);
}
