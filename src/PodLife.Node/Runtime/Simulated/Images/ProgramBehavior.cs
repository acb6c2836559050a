namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>How a program the simulation knows behaves when run: output, ports, lifetime, signals and memory.</summary>
public sealed record ProgramBehavior
{
    /// <summary>The program's file name (a path in the command is matched by its last part).</summary>
    public string Name { get; init; } = "";

    /// <summary>A regular expression the space-joined arguments must match (in part); null matches any.</summary>
    public string? Args { get; init; }

    /// <summary>Lines written to stdout at start.</summary>
    public List<string> Stdout { get; init; } = [];

    /// <summary>Lines written to stderr at start.</summary>
    public List<string> Stderr { get; init; } = [];

    /// <summary>Ports it listens on while running.</summary>
    public List<ListenSpec> Listen { get; init; } = [];

    /// <summary>The exit code it ends with by itself after <see cref="RunSeconds"/>; null means it runs until stopped.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Seconds it runs before exiting by itself.</summary>
    public double RunSeconds { get; init; }

    /// <summary>The exit code when asked to stop (its stop signal is handled); null means it has no handler.</summary>
    public int? StopExitCode { get; init; }

    /// <summary>Resident memory it uses, in bytes (counts against the container's memory limit).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>An entrypoint script that ends with <c>exec "$@"</c>: after its output it runs its arguments.</summary>
    public bool ExecArgs { get; init; }

    /// <summary>It refuses to start (stderr <see cref="MissingEnvMessage"/>, exit 1) unless one of these is set.</summary>
    public List<string> RequireEnv { get; init; } = [];

    /// <summary>What it prints when none of <see cref="RequireEnv"/> is set.</summary>
    public string MissingEnvMessage { get; init; } = "";

    /// <summary>True when this behaviour describes <paramref name="program"/> run with <paramref name="args"/>.</summary>
    public bool Matches(string program, IReadOnlyList<string> args) =>
        Name == Path.GetFileName(program)
        && (Args is null || Patterns.IsMatch(Args, string.Join(' ', args)));
}
