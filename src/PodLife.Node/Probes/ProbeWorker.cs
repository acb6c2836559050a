using k8s.Models;
using PodLife.Node.Agent;

namespace PodLife.Node.Probes;

/// <summary>
/// Runs one probe of one container instance on the clock: first after initialDelaySeconds, then every periodSeconds,
/// never two at once. A wake-up on the node's timer queue, not a thread or a timer of its own, so thousands of
/// containers stay cheap.
/// </summary>
public sealed class ProbeWorker : IDisposable
{
    readonly V1Probe _probe;
    readonly ActionTarget _target;
    readonly Func<bool> _mayRun;
    readonly Func<ProbeWorker, ProbeOutcome, Task> _onProbed;
    readonly DueTimers _timers;
    readonly DueTimer _timer;
    readonly TimeSpan _period;
    readonly CancellationTokenSource _stop = new();
    DateTimeOffset _due;
    volatile bool _done;
    int _busy;

    /// <param name="mayRun">False while the probe must not run yet (liveness and readiness wait for the startup probe).</param>
    /// <param name="onProbed">Called after each run, with <see cref="Counter"/> already updated.</param>
    public ProbeWorker(ProbeKind kind, V1Probe probe, ActionTarget target, DateTimeOffset containerStartedAt, DueTimers timers,
        Func<bool> mayRun, Func<ProbeWorker, ProbeOutcome, Task> onProbed)
    {
        ArgumentNullException.ThrowIfNull(timers);
        (Kind, _probe, _target, _mayRun, _onProbed) = (kind, probe, target, mayRun, onProbed);
        Counter = ProbeCounter.Initial(kind);
        _period = TimeSpan.FromSeconds(probe.PeriodSeconds is > 0 ? probe.PeriodSeconds.Value : 10);
        // The first run after initialDelaySeconds, or now for a container that started earlier; periods from there.
        var first = containerStartedAt + TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0);
        _due = first > timers.Now ? first : timers.Now;
        _timers = timers;
        _timer = timers.Create(Due);
        _timer.Set(_due);
    }

    // On the timer queue's thread: set the next period, then probe on the thread pool.
    void Due()
    {
        if (_done) return;
        // Every period from the first run; after a stall (a paused process) one run, then periods from now.
        var now = _timers.Now;
        _due = _due + _period > now ? _due + _period : now + _period;
        _timer.Set(_due);
        ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.RunOnceAsync(), this, preferLocal: false);
    }

    public ProbeKind Kind { get; }

    /// <summary>The probe's current result and streaks.</summary>
    public ProbeCounter Counter { get; private set; }

    /// <summary>Liveness and startup probes give up (the container is killed) after failureThreshold failures.</summary>
    public bool GaveUp => Kind != ProbeKind.Readiness && Counter.Result == false;

    async Task RunOnceAsync()
    {
        if (_done || _stop.IsCancellationRequested || !_mayRun() || Interlocked.Exchange(ref _busy, 1) == 1) return;
        try
        {
            var outcome = await ActionRunner.RunAsync(_probe, _target, _stop.Token).ConfigureAwait(false);
            if (_stop.IsCancellationRequested) return;
            Counter = Counter.After(outcome.Success, _probe);
            // A startup probe that passed, or any probe that gave up, has nothing more to say about this instance.
            if ((Kind == ProbeKind.Startup && Counter.Result == true) || GaveUp)
            {
                _done = true;
                _timer.Clear();
            }
            await _onProbed(this, outcome).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The token source stays undisposed: a probe still in flight may read it.
        _timer.Dispose();
    }
}
