namespace PodLife.Node.Agent;

/// <summary>
/// One timer for the periodic heartbeats of every node on a clock: each slot it starts the heartbeats that are due.
/// Thousands of simulated nodes in one process would otherwise each wake the process on their own timer, 500 times a
/// second at 5,000 nodes, and every renewal would pay its own thread wake-ups and its own durable commit; started
/// together, a slot's renewals share them (the store commits concurrent writes as one group). Each heartbeat still
/// runs once per its own period, from its own start, at most one slot late.
/// </summary>
/// <param name="deadline">How long a slot's heartbeats may take before their token is cancelled (infinite: never).</param>
public sealed class HeartbeatTicker(TimeProvider clock, TimeSpan slot, TimeSpan deadline)
{
    /// <summary>
    /// The slot of <see cref="NodeClock"/>'s ticker: leases (10 s period, 40 s duration) are renewed at most 1 s late. With
    /// 1,000 nodes a 2 s slot cut the process's idle CPU by ~40% against one timer per node, a 250 ms slot by nothing
    /// measurable; 1 s keeps a slot's renewals (500 at 5,000 nodes) under the server's 1,000 streams per connection.
    /// </summary>
    public static readonly TimeSpan DefaultSlot = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The deadline of <see cref="NodeClock"/>'s heartbeats: the lease duration (40 s). kubelet's heartbeat client times
    /// out sooner, after min(nodeStatusUpdateFrequency 10 s, lease duration), but there the API server does not share
    /// the kubelet's CPU: here, at 1,000 nodes under a full-speed pod burst on a loaded machine, 1.7% of renewals took
    /// over 10 s and were thrown away, while a late renewal still counts (the node lifecycle controller sees the Lease
    /// change when it lands). What the deadline is for is that a renewal that hangs gives way to the next one before
    /// the Lease expires: the in-process API clients have no timeout of their own (as client-go's default).
    /// </summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(40);

    public HeartbeatTicker(TimeProvider clock, TimeSpan slot) : this(clock, slot, Timeout.InfiniteTimeSpan)
    {
    }

    readonly Lock _lock = new();
    readonly List<Heartbeat> _heartbeats = [];
    ITimer? _timer;

    /// <summary>
    /// Runs <paramref name="beat"/> every <paramref name="period"/> from now, until the result is disposed; its token is
    /// cancelled at the ticker's deadline.
    /// </summary>
    public IDisposable Every(TimeSpan period, Func<CancellationToken, Task> beat)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(beat);
        var heartbeat = new Heartbeat(this, period, beat, clock.GetUtcNow() + period);
        lock (_lock)
        {
            _heartbeats.Add(heartbeat);
            // The first heartbeat starts the slots, so a lone node (and a test on a fake clock) renews exactly on time.
            _timer ??= clock.CreateTimer(_ => Tick(), null, slot, slot);
        }
        return heartbeat;
    }

    void Tick()
    {
        var now = clock.GetUtcNow();
        List<Func<CancellationToken, Task>>? due = null;
        lock (_lock)
        {
            foreach (var heartbeat in _heartbeats)
            {
                if (heartbeat.Due > now) continue;
                // Next due from this one's due time, not from now, so a late slot does not push the schedule back;
                // after a long stall (a paused process) it resumes from now instead of catching up in a burst.
                heartbeat.Due = heartbeat.Due + heartbeat.Period > now ? heartbeat.Due + heartbeat.Period : now + heartbeat.Period;
                (due ??= []).Add(heartbeat.Beat);
            }
        }
        if (due is null) return;
        if (deadline == Timeout.InfiniteTimeSpan)
        {
            foreach (var beat in due) _ = beat(CancellationToken.None);
            return;
        }
        // One deadline for the slot's heartbeats together: one timer per slot, not one per renewal.
        var expiry = new CancellationTokenSource(deadline, clock);
        var beats = new Task[due.Count];
        for (var i = 0; i < beats.Length; i++) beats[i] = due[i](expiry.Token);
        _ = Task.WhenAll(beats).ContinueWith(static (_, cts) => ((CancellationTokenSource)cts!).Dispose(), expiry,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    void Remove(Heartbeat heartbeat)
    {
        lock (_lock)
        {
            _heartbeats.Remove(heartbeat);
            if (_heartbeats.Count > 0) return;
            _timer?.Dispose();
            _timer = null;
        }
    }

    sealed class Heartbeat(HeartbeatTicker ticker, TimeSpan period, Func<CancellationToken, Task> beat, DateTimeOffset due) : IDisposable
    {
        public TimeSpan Period => period;
        public Func<CancellationToken, Task> Beat => beat;
        public DateTimeOffset Due { get; set; } = due;

        public void Dispose() => ticker.Remove(this);
    }
}
