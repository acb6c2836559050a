using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Agent;

namespace PodLife.Node.Tests.Agent;

public class HeartbeatTickerTests
{
    static readonly TimeSpan Slot = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [Fact]
    public void Heartbeats_started_within_one_slot_beat_together_once_per_period_and_never_early()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var start = clock.GetUtcNow();
        var ticker = new HeartbeatTicker(clock, Slot);
        var beats = new List<(string Node, TimeSpan At)>();
        Func<CancellationToken, Task> Beat(string node) => _ => { beats.Add((node, clock.GetUtcNow() - start)); return Task.CompletedTask; };

        using var a = ticker.Every(Period, Beat("a"));
        clock.Advance(TimeSpan.FromMilliseconds(300));
        using var b = ticker.Every(Period, Beat("b"));
        clock.Advance(TimeSpan.FromMilliseconds(700));
        for (var i = 0; i < 24; i++) clock.Advance(Slot);

        // a is due at 10 s and 20 s (its slots), b at 10.3 s and 20.3 s: the next slot after, 11 s and 21 s.
        Assert.Equal([("a", TimeSpan.FromSeconds(10)), ("b", TimeSpan.FromSeconds(11)), ("a", TimeSpan.FromSeconds(20)), ("b", TimeSpan.FromSeconds(21))],
            beats);
    }

    [Fact]
    public void After_a_stall_a_heartbeat_beats_once_not_once_per_missed_period_and_a_disposed_one_stops()
    {
        var clock = new FakeTimeProvider();
        var ticker = new HeartbeatTicker(clock, Slot);
        var count = 0;
        var beating = ticker.Every(Period, _ => { count++; return Task.CompletedTask; });

        for (var i = 0; i < 35; i++) clock.Advance(Slot);
        Assert.Equal(3, count); // at 10, 20 and 30 s

        clock.Advance(TimeSpan.FromSeconds(60)); // the process was paused for six periods
        Assert.Equal(4, count);

        beating.Dispose();
        for (var i = 0; i < 30; i++) clock.Advance(Slot);
        Assert.Equal(4, count);

        // The ticker starts again for a new heartbeat.
        using var again = ticker.Every(Period, _ => { count++; return Task.CompletedTask; });
        for (var i = 0; i < 10; i++) clock.Advance(Slot);
        Assert.Equal(5, count);
    }

    [Fact]
    public void A_heartbeat_that_hangs_is_cancelled_at_the_deadline_and_the_next_period_beats_again()
    {
        var clock = new FakeTimeProvider();
        var ticker = new HeartbeatTicker(clock, Slot, deadline: TimeSpan.FromSeconds(4));
        var tokens = new List<CancellationToken>();
        using var beating = ticker.Every(Period, ct =>
        {
            tokens.Add(ct);
            // A renewal that never answers: only its token ends it.
            var hung = new TaskCompletionSource();
            ct.Register(() => hung.TrySetCanceled(ct));
            return hung.Task;
        });

        for (var i = 0; i < 13; i++) clock.Advance(Slot);
        Assert.Single(tokens);
        Assert.False(tokens[0].IsCancellationRequested); // 3 s after it started
        clock.Advance(Slot);
        Assert.True(tokens[0].IsCancellationRequested); // 4 s

        for (var i = 0; i < 6; i++) clock.Advance(Slot);
        Assert.Equal(2, tokens.Count);
        Assert.False(tokens[1].IsCancellationRequested);
    }
}
