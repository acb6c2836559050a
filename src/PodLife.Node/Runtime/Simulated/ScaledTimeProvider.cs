namespace PodLife.Node.Runtime.Simulated;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the one it wraps (<c>podlife up --speed 10</c>): time read
/// from it passes faster, and its timers fire after proportionally less real time.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    readonly TimeProvider _inner;
    readonly DateTimeOffset _startTime;
    readonly long _startTimestamp;

    /// <param name="inner">The real clock (or a fake one in tests).</param>
    /// <param name="speed">How many simulated seconds pass per real second; must be positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is not a positive finite number.</exception>
    public ScaledTimeProvider(TimeProvider inner, double speed)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive number");
        }
        (_inner, Speed) = (inner, speed);
        _startTime = inner.GetUtcNow();
        _startTimestamp = inner.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() =>
        _startTime + TimeSpan.FromTicks((long)((_inner.GetUtcNow() - _startTime).Ticks * Speed));

    /// <summary>
    /// The time on the wrapped clock at which this clock showed <paramref name="simulated"/>: the real moment a
    /// simulated one happened, never later than the wrapped clock's now for a simulated time already past.
    /// </summary>
    public DateTimeOffset ToReal(DateTimeOffset simulated) =>
        _startTime + TimeSpan.FromTicks((long)Math.Floor((simulated - _startTime).Ticks / Speed));

    /// <inheritdoc/>
    public override long GetTimestamp() => _startTimestamp + (long)((_inner.GetTimestamp() - _startTimestamp) * Speed);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    TimeSpan Scale(TimeSpan interval) =>
        interval == Timeout.InfiniteTimeSpan || interval <= TimeSpan.Zero
            ? interval
            : TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(interval.Ticks / Speed)));

    sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
