using Microsoft.Extensions.Time.Testing;

namespace PodLife.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due, so a test can step the clock from one
/// timer to the next and see every state in between, however short-lived (a fixed step can jump over one).
/// </summary>
public sealed class TimerTrackingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    readonly Dictionary<Tracked, DateTimeOffset> _due = [];
    readonly Lock _lock = new();

    /// <summary>When the earliest armed timer fires, or null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock) return _due.Count == 0 ? null : _due.Values.Min();
        }
    }

    /// <summary>Advances to the next timer, but by no more than <paramref name="maxStep"/> (and by at least one tick).</summary>
    public void AdvanceToNextTimer(TimeSpan maxStep)
    {
        var now = GetUtcNow();
        var step = NextDue is { } due && due - now < maxStep ? due - now : maxStep;
        Advance(step > TimeSpan.Zero ? step : TimeSpan.FromTicks(1));
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Tracked? tracked = null;
        var inner = base.CreateTimer(s =>
        {
            tracked!.Fired();
            callback(s);
        }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        tracked = new Tracked(this, inner);
        tracked.Change(dueTime, period);
        return tracked;
    }

    void Arm(Tracked timer, TimeSpan due)
    {
        lock (_lock)
        {
            if (due == Timeout.InfiniteTimeSpan) _due.Remove(timer);
            else _due[timer] = GetUtcNow() + due;
        }
    }

    sealed class Tracked(TimerTrackingClock clock, ITimer inner) : ITimer
    {
        TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Arm(this, dueTime);
            return inner.Change(dueTime, period);
        }

        // A one-shot timer is spent once it fires; a periodic one is due again a period later.
        public void Fired() => clock.Arm(this, _period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : _period);

        public void Dispose()
        {
            clock.Arm(this, Timeout.InfiniteTimeSpan);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
