using System.Runtime.InteropServices;

namespace PodLife.Cli;

/// <summary>A token cancelled on Ctrl+C or SIGTERM, so long-running verbs stop cleanly with exit code 0.</summary>
public static class ShutdownSignal
{
    static readonly SignalHandling Handling = new(NativeExit.Now);
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
/// The first Ctrl+C or SIGTERM asks for a clean stop; a second one while the verb is still stopping ends the process at
/// once, as Kubernetes' components exit on a second signal: a stop that hangs (a bench deleting 100,000 pods on a
/// loaded machine) never traps the user. The exit code is a shell's for a process killed by that signal (128 + its
/// number: 130 for Ctrl+C, 143 for SIGTERM).
/// </summary>
public sealed class SignalHandling(Action<int> exitAtOnce)
{
    readonly CancellationTokenSource _stop = new();
    int _signals;

    public CancellationToken Token => _stop.Token;

    public void OnSignal(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Cancel = true; // the runtime's own handling of SIGTERM is a graceful exit too, which waits for us
        if (Interlocked.Increment(ref _signals) == 1)
            _stop.Cancel();
        else
            exitAtOnce(128 + Number(context.Signal));
    }

    static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };
}

/// <summary>libc's _exit: ends the process now, without the runtime's exit handlers that a hanging stop could block.</summary>
static class NativeExit
{
    [DllImport("libc", EntryPoint = "_exit")]
    static extern void Exit(int status);

    public static void Now(int status) => Exit(status);
}
