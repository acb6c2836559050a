namespace PodLife.Node.Runtime;

/// <summary>What a command run in a container (CRI ExecSync) returned.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
