namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Unwinds a simulated process: it called exit, got a fatal signal, or the kernel killed it for memory.</summary>
internal sealed class ProcessExitException(int exitCode, bool oomKilled = false) : Exception($"exit {exitCode}")
{
    public int ExitCode { get; } = exitCode;

    public bool OomKilled { get; } = oomKilled;
}
