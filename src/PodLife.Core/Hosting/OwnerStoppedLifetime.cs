using Microsoft.Extensions.Hosting;

namespace PodLife.Core.Hosting;

/// <summary>
/// The lifetime of a web host that a podlife command starts and stops itself. The default, ConsoleLifetime, handles
/// Ctrl+C and SIGTERM on its own: it cancels every signal (so a second one could never end a hanging stop) and stops
/// its host behind the command's back, before the scheduler and nodes that still use it. The command's own signal
/// handling (PodLife.Cli's ShutdownSignal) decides instead.
/// </summary>
public sealed class OwnerStoppedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
