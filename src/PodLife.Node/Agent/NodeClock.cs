using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Agent;

/// <summary>
/// A node's time under <c>--speed X</c>: every delay (sleeps, probe periods, back-off waits, grace periods, lease
/// renewals) runs on <see cref="Simulated"/>, X times faster than real time, while every time the node reports (pod
/// status, events, leases, node conditions, log timestamps) is the real moment it happened, so the API server, kubectl
/// and the lifecycle history see one consistent clock and no time in the future.
/// </summary>
public sealed class NodeClock
{
    readonly ScaledTimeProvider? _scaled;
    HeartbeatTicker? _heartbeats;
    DueTimers? _timers;

    /// <param name="real">The server's clock (the system clock, or a fake one in tests).</param>
    /// <param name="speed">Simulated seconds per real second; 1 is real time.</param>
    public NodeClock(TimeProvider real, double speed = 1)
    {
        ArgumentNullException.ThrowIfNull(real);
        Real = real;
        _scaled = speed == 1 ? null : new ScaledTimeProvider(real, speed);
    }

    /// <summary>The real (server) clock.</summary>
    public TimeProvider Real { get; }

    /// <summary>The clock delays and the lifecycle rules run on (equal to <see cref="Real"/> at speed 1).</summary>
    public TimeProvider Simulated => _scaled ?? Real;

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed => _scaled?.Speed ?? 1;

    /// <summary>The simulated present, for arithmetic with delays.</summary>
    public DateTimeOffset Now => Simulated.GetUtcNow();

    /// <summary>The real time at which the simulated instant <paramref name="simulated"/> happened: what the node reports.</summary>
    public DateTimeOffset Stamp(DateTimeOffset simulated) => _scaled?.ToReal(simulated) ?? simulated;

    /// <inheritdoc cref="Stamp(DateTimeOffset)"/>
    public DateTimeOffset? Stamp(DateTimeOffset? simulated) => simulated is { } time ? Stamp(time) : null;

    /// <summary>The real present, for stamps.</summary>
    public DateTimeOffset StampNow => Real.GetUtcNow();

    /// <summary>The one timer that drives the periodic heartbeats (lease renewals) of every node on this clock, in simulated time.</summary>
    public HeartbeatTicker Heartbeats =>
        LazyInitializer.EnsureInitialized(ref _heartbeats, () => new HeartbeatTicker(Simulated, HeartbeatTicker.DefaultSlot, HeartbeatTicker.DefaultDeadline));

    /// <summary>The one timer queue for the wake-ups (pod worker resyncs and back-offs, probe periods) of every node on this clock, in simulated time.</summary>
    public DueTimers Timers => LazyInitializer.EnsureInitialized(ref _timers, () => new DueTimers(Simulated));
}
