namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// The standard streams of one simulated command. Stdin is <see cref="Stdin"/> when piped in as text, else
/// <see cref="Input"/> when it arrives while the command runs (an exec's), else nothing. <see cref="Typed"/> marks a
/// command a shell read from its input line by line (`kubectl run -it … -- sh`, `kubectl debug`): even in the container's
/// main process it is the shell's child, not the container's program.
/// </summary>
internal sealed record ShellIo(IOutput Out, IOutput Err, string? Stdin = null, StreamedInput? Input = null, bool Typed = false)
{
    /// <summary>All of stdin (waiting for its end when it is still arriving), or null when none is attached.</summary>
    public async Task<string?> ReadStdinAsync(SimulatedProcess reader) =>
        Stdin ?? (Input is { } input ? await input.ReadToEndAsync(reader).ConfigureAwait(false) : null);
}
