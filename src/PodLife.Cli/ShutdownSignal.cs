using System.Runtime.InteropServices;

namespace PodLife.Cli;

/// <summary>A token cancelled on Ctrl+C or SIGTERM, so long-running verbs stop cleanly with exit code 0.</summary>
public static class ShutdownSignal
{
    static readonly SignalHandling Handling = new();
    static readonly List<PosixSignalRegistration> Registrations = [];

    public static CancellationToken Token
    {
        get
        {
            lock (Registrations)
            {
                if (Registrations.Count == 0)
                    foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                        Registrations.Add(PosixSignalRegistration.Create(signal, Handling.OnSignal));
            }
            return Handling.Token;
        }
    }
}

/// <summary>
/// The first Ctrl+C or SIGTERM asks for a clean stop; a second one while the verb is still stopping is left to the
/// signal's default action, which ends the process at once, as Kubernetes' components exit on a second signal: a stop
/// that hangs (a bench deleting 100,000 pods on a loaded machine) never traps the user.
/// </summary>
public sealed class SignalHandling
{
    readonly CancellationTokenSource _stop = new();
    int _signals;

    public CancellationToken Token => _stop.Token;

    public void OnSignal(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Interlocked.Increment(ref _signals) > 1) return; // not cancelled: the runtime terminates the process
        context.Cancel = true;
        _stop.Cancel();
    }
}
