namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>How the process image that is PID 1 of a container reacts to the stop signal.</summary>
internal abstract record SignalRole
{
    /// <summary>No handler (sleep, tail, unknown programs): ignored as PID 1, fatal (143) otherwise.</summary>
    public static readonly SignalRole NoHandler = new NoHandlerRole();

    sealed record NoHandlerRole : SignalRole;
}

/// <summary>A program that handles its stop signal and exits with a fixed code (nginx: 0).</summary>
internal sealed record HandlerRole(int ExitCode) : SignalRole;

/// <summary>A shell: it has a handler only while a <c>trap … TERM</c> is set.</summary>
internal sealed record ShellRole(Shell.ShellInterpreter Shell) : SignalRole;
