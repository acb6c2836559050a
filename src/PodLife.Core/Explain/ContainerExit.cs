namespace PodLife.Core.Explain;

/// <summary>How a container's previous run ended (its lastState.terminated).</summary>
public sealed record ContainerExit(string? Reason, int ExitCode, string? Message, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
