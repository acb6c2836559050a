namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>The standard streams of one simulated command; <see cref="Stdin"/> is null when nothing is piped in.</summary>
internal sealed record ShellIo(IOutput Out, IOutput Err, string? Stdin = null);
