using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Agent;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Agent;

public class DueTimersTests
{
    internal static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-04T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fake clock that counts how often the one runtime timer is created and moved.</summary>
    sealed class CountingClock() : FakeTimeProvider(DueTimersTests.Start)
    {
        public int Created, Changes;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Created++;
            return new Counted(base.CreateTimer(callback, state, dueTime, period), this);
        }

        sealed class Counted(ITimer inner, CountingClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                clock.Changes++;
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    [Fact]
    public void Wake_ups_fire_in_due_order_each_once_at_their_due_time_never_early()
    {
        var clock = new CountingClock();
        using var timers = new DueTimers(clock);
        var fired = new List<(string Name, TimeSpan At)>();
        DueTimer Make(string name) => timers.Create(() => fired.Add((name, clock.GetUtcNow() - Start)));
        var (a, b, c) = (Make("a"), Make("b"), Make("c"));

        c.Set(Start + TimeSpan.FromSeconds(30));
        a.Set(Start + TimeSpan.FromSeconds(10));
        b.Set(Start + TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromMilliseconds(9_999));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(fired);
        for (var i = 0; i < 40; i++) clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([("a", TimeSpan.FromSeconds(10)), ("b", TimeSpan.FromSeconds(20)), ("c", TimeSpan.FromSeconds(30))], fired);
        Assert.Null(a.Due);
        Assert.Equal(1, clock.Created);
    }

    [Fact]
    public void Set_replaces_the_due_time_earlier_or_later_and_clear_cancels_it()
    {
        var clock = new FakeTimeProvider(Start);
        using var timers = new DueTimers(clock);
        var count = new Dictionary<string, int> { ["later"] = 0, ["earlier"] = 0, ["cleared"] = 0 };
        DueTimer Make(string name) => timers.Create(() => count[name]++);
        var (later, earlier, cleared) = (Make("later"), Make("earlier"), Make("cleared"));

        later.Set(Start + TimeSpan.FromSeconds(5));
        later.Set(Start + TimeSpan.FromSeconds(50));
        earlier.Set(Start + TimeSpan.FromSeconds(50));
        earlier.Set(Start + TimeSpan.FromSeconds(5));
        cleared.Set(Start + TimeSpan.FromSeconds(5));
        cleared.Clear();

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new Dictionary<string, int> { ["later"] = 0, ["earlier"] = 1, ["cleared"] = 0 }, count);
        Assert.Equal(Start + TimeSpan.FromSeconds(50), later.Due);

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new Dictionary<string, int> { ["later"] = 1, ["earlier"] = 1, ["cleared"] = 0 }, count);
        // The replaced entries were dropped as stale, not run.
        Assert.Equal(0, timers.QueuedEntries);
    }

    [Fact]
    public void A_due_time_already_past_fires_on_the_next_tick_not_inside_Set()
    {
        var clock = new FakeTimeProvider(Start);
        using var timers = new DueTimers(clock);
        var count = 0;
        var wake = timers.Create(() => count++);

        wake.Set(Start - TimeSpan.FromSeconds(1));
        Assert.Equal(0, count);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, count);
    }

    [Fact]
    public void The_runtime_timer_moves_only_when_the_earliest_due_time_does()
    {
        var clock = new CountingClock();
        using var timers = new DueTimers(clock);
        var wakes = Enumerable.Range(0, 1000).Select(_ => timers.Create(() => { })).ToList();

        wakes[0].Set(Start + TimeSpan.FromSeconds(1));
        var afterFirst = clock.Changes;
        // A thousand workers moving their resyncs to later times: none of them is the earliest.
        for (var i = 1; i < wakes.Count; i++) wakes[i].Set(Start + TimeSpan.FromSeconds(60 + i % 30));
        Assert.Equal(afterFirst, clock.Changes);

        wakes[500].Set(Start + TimeSpan.FromMilliseconds(500));
        Assert.Equal(afterFirst + 1, clock.Changes);
    }

    [Fact]
    public void A_callback_may_set_its_own_next_due_time_and_a_disposed_wake_up_never_fires_again()
    {
        var clock = new FakeTimeProvider(Start);
        using var timers = new DueTimers(clock);
        var ticks = 0;
        DueTimer? periodic = null;
        periodic = timers.Create(() =>
        {
            ticks++;
            periodic!.Set(clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        });
        periodic.Set(Start + TimeSpan.FromSeconds(10));

        for (var i = 0; i < 35; i++) clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, ticks);

        periodic.Dispose();
        periodic.Set(clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 30; i++) clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, ticks);
    }

    [Fact]
    public void On_a_scaled_clock_due_times_are_simulated_time()
    {
        var real = new FakeTimeProvider(Start);
        var simulated = new ScaledTimeProvider(real, 10);
        using var timers = new DueTimers(simulated);
        DateTimeOffset? firedAt = null;
        var wake = timers.Create(() => firedAt = simulated.GetUtcNow());

        wake.Set(simulated.GetUtcNow() + TimeSpan.FromSeconds(60));
        real.Advance(TimeSpan.FromSeconds(5.9));
        Assert.Null(firedAt);
        real.Advance(TimeSpan.FromSeconds(0.2));

        Assert.NotNull(firedAt);
        Assert.InRange(firedAt.Value - Start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
    }
}
