namespace PodLife.Node.Runtime.Simulated;

/// <summary>
/// Runs simulated work at points in time of an injected clock: one timer on the <see cref="TimeProvider"/> for the
/// earliest due item, however many containers sleep, so thousands of simulated processes cost no threads.
/// </summary>
/// <remarks>
/// Every piece of simulated state is touched only while holding <see cref="Gate"/>; due items run under it, in due
/// order (ties in scheduling order), which keeps the simulation deterministic on a fake clock.
/// </remarks>
internal sealed class SimulationScheduler : IDisposable
{
    readonly TimeProvider _time;
    readonly ITimer _timer;
    readonly PriorityQueue<ScheduledItem, (DateTimeOffset Due, long Sequence)> _queue = new();
    long _sequence;
    DateTimeOffset? _armedFor;
    DateTimeOffset? _running;

    public SimulationScheduler(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(_ => RunDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The lock that guards all simulated state.</summary>
    public object Gate { get; } = new();

    /// <summary>
    /// The simulated present: while due items run, the time each was due, however late the clock's timer fired
    /// (a fake clock advanced by a minute fires once); otherwise the clock's time.
    /// </summary>
    public DateTimeOffset Now => _running ?? _time.GetUtcNow();

    /// <summary>The real time at which the simulated instant <paramref name="simulated"/> happens (what <c>date</c> prints).</summary>
    public DateTimeOffset WallClock(DateTimeOffset simulated) => _time is ScaledTimeProvider scaled ? scaled.ToReal(simulated) : simulated;

    /// <summary>Runs <paramref name="action"/> under the gate once <paramref name="delay"/> has passed.</summary>
    public ScheduledItem Schedule(TimeSpan delay, Action action)
    {
        lock (Gate)
        {
            var item = new ScheduledItem(action);
            var due = Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
            _queue.Enqueue(item, (due, _sequence++));
            Arm();
            return item;
        }
    }

    void RunDue()
    {
        lock (Gate)
        {
            _armedFor = null;
            var now = _time.GetUtcNow();
            try
            {
                while (_queue.TryPeek(out var item, out var key) && key.Due <= now)
                {
                    _queue.Dequeue();
                    _running = key.Due;
                    item.Run();
                }
            }
            finally
            {
                _running = null;
            }
            Arm();
        }
    }

    void Arm()
    {
        while (_queue.TryPeek(out var head, out _) && head.IsCancelled)
        {
            _queue.Dequeue();
        }
        if (!_queue.TryPeek(out _, out var key) || _armedFor == key.Due)
        {
            return;
        }
        _armedFor = key.Due;
        var wait = key.Due - Now;
        // A zero due time would fire inside Change on some providers; one tick keeps callbacks out of callers' frames.
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
