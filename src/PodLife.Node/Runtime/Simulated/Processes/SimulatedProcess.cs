using PodLife.Node.Runtime.Simulated.Images;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// One simulated process in a container: the main process or an exec. It runs as async code whose only waits are
/// <see cref="PendingWait"/>s on the simulation clock, so it advances exactly when the clock does.
/// </summary>
internal sealed class SimulatedProcess(SimulatedContainer container, ShellIo io, bool isMain)
{
    // After this many commands without waiting, a busy loop yields one millisecond of simulated time,
    // so `while true; do :; done` burns simulated CPU instead of hanging the node.
    const int BusyStepLimit = 10_000;
    readonly HashSet<PendingWait> _waits = [];
    readonly List<(ListenSpec Spec, DateTimeOffset Since)> _listening = [];
    int _busySteps;

    public SimulatedContainer Container { get; } = container;

    Dictionary<string, string>? _env;

    /// <summary>
    /// The process's environment: the container's, copied on first use (a process may change its own), so a process
    /// that never reads it (pause, sleep) costs no copy.
    /// </summary>
    public Dictionary<string, string> Env => _env ??= new(Container.Environment);

    public ShellIo Io { get; } = io;

    public string WorkingDirectory { get; set; } = container.WorkingDirectory;

    /// <summary>True for the container's main process when it is PID 1 (no shared PID namespace).</summary>
    public bool IsPid1 { get; } = isMain && !container.Sandbox.Config.ShareProcessNamespace;

    public bool IsMain { get; } = isMain;

    /// <summary>How the program that currently is this process reacts to the stop signal.</summary>
    public SignalRole Role { get; set; } = SignalRole.NoHandler;

    public bool HasExited { get; private set; }

    public long MemoryBytes { get; private set; }

    public IEnumerable<(ListenSpec Spec, DateTimeOffset Since)> Listening => _listening;

    public DateTimeOffset Now => Container.Scheduler.Now;

    /// <summary>Runs <paramref name="argv"/> to its end; returns the exit code and whether the kernel OOM-killed it.</summary>
    public Task<(int ExitCode, bool OomKilled)> RunAsync(IReadOnlyList<string> argv) =>
        RunAsync(process => ProgramRunner.RunAsync(process, argv, process.Io, exec: true));

    /// <summary>Runs <paramref name="program"/> as this process to its end (an interactive exec's shell).</summary>
    public async Task<(int ExitCode, bool OomKilled)> RunAsync(Func<SimulatedProcess, Task<int>> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        (int, bool) outcome;
        try
        {
            outcome = (await program(this).ConfigureAwait(false) & 0xFF, false);
        }
        catch (ProcessExitException e)
        {
            outcome = (e.ExitCode, e.OomKilled);
        }
        Exit(outcome.Item1, outcome.Item2);
        return outcome;
    }

    /// <summary>Waits <paramref name="duration"/> of simulated time, or until killed when null.</summary>
    public Task DelayAsync(TimeSpan? duration)
    {
        _busySteps = 0;
        if (duration is { } d && d <= TimeSpan.Zero) return Task.CompletedTask;
        var wait = Block();
        if (duration is { } delay) wait.Timer = Container.Scheduler.Schedule(delay, wait.Release);
        return wait.Task;
    }

    /// <summary>
    /// Waits for <paramref name="work"/> done outside the simulation (a request to another pod, which takes that pod's
    /// runtime's lock): it runs on the thread pool, and the process resumes under its own runtime's lock once it is
    /// done, as it does after any other wait; a kill ends the wait.
    /// </summary>
    public async Task<T> OutsideAsync<T>(Func<Task<T>> work)
    {
        var wait = Block();
        var outside = Task.Run(work);
        _ = outside.ContinueWith(_ =>
        {
            lock (Container.Scheduler.Gate) wait.Release();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await wait.Task.ConfigureAwait(false);
        return await outside.ConfigureAwait(false);
    }

    /// <summary>A wait the caller releases itself; a kill fails it.</summary>
    public PendingWait Block()
    {
        if (HasExited) throw new ProcessExitException(137);
        var wait = new PendingWait();
        _waits.Add(wait);
        wait.Task.ContinueWith(_ => _waits.Remove(wait), TaskContinuationOptions.ExecuteSynchronously);
        return wait;
    }

    /// <summary>Counts one command; every so many without a wait, yields a millisecond of simulated time.</summary>
    public Task StepAsync() => ++_busySteps < BusyStepLimit ? Task.CompletedTask : DelayAsync(TimeSpan.FromMilliseconds(1));

    /// <summary>SIGTERM (or the image's stop signal).</summary>
    public void Terminate()
    {
        switch (Role)
        {
            case HandlerRole handler:
                Exit(handler.ExitCode);
                break;
            case ShellRole { Shell.TermTrap: not null } shell:
                shell.Shell.OnTerm();
                break;
            default:
                // The kernel drops signals to a namespace's PID 1 that has no handler for them.
                if (!IsPid1) Exit(128 + 15);
                break;
        }
    }

    /// <summary>Ends the process now: every wait fails, unwinding its code with the exit code.</summary>
    public void Exit(int exitCode, bool oomKilled = false)
    {
        if (HasExited) return;
        HasExited = true;
        _listening.Clear();
        Container.ReleaseMemory(MemoryBytes);
        MemoryBytes = 0;
        foreach (var wait in _waits.ToList())
        {
            wait.Fail(new ProcessExitException(exitCode, oomKilled));
        }
        Container.OnProcessExit(this, exitCode, oomKilled);
    }

    /// <summary>Takes memory; the kernel OOM-kills the container when its usage passes the limit.</summary>
    public void Allocate(long bytes)
    {
        MemoryBytes += bytes;
        Container.UseMemory(this, bytes);
    }

    public void Free(long bytes)
    {
        bytes = Math.Min(bytes, MemoryBytes);
        MemoryBytes -= bytes;
        Container.ReleaseMemory(bytes);
    }

    public void Listen(ListenSpec spec) => _listening.Add((spec, Now));

    public void StopListening(ListenSpec spec) => _listening.RemoveAll(l => l.Spec == spec);
}
