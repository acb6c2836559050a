using System.Runtime.InteropServices;

namespace PodLife.Cli;

/// <summary>A token cancelled on Ctrl+C or SIGTERM, so long-running verbs stop cleanly with exit code 0.</summary>
public static class ShutdownSignal
{
    static readonly CancellationTokenSource Source = new();
    static readonly List<PosixSignalRegistration> Registrations = [];

    public static CancellationToken Token
    {
        get
        {
            lock (Registrations)
            {
                if (Registrations.Count == 0)
                    foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                        Registrations.Add(PosixSignalRegistration.Create(signal, c => { c.Cancel = true; Source.Cancel(); }));
            }
            return Source.Token;
        }
    }
}
