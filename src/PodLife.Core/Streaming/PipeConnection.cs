using System.IO.Pipelines;

namespace PodLife.Core.Streaming;

/// <summary>
/// A connection as two pipes, as port-forward passes them between its layers: opening one whose far end is served in
/// the background, and copying what one side reads to wherever it goes next.
/// </summary>
public static class PipeConnection
{
    sealed record Ends(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>
    /// A new connection: <paramref name="serve"/> runs in the background with the far end (what the caller writes, and
    /// where its answers go); the caller gets the near end.
    /// </summary>
    public static IDuplexPipe Open(Func<PipeReader, PipeWriter, Task> serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var toFar = new Pipe();
        var toNear = new Pipe();
        _ = Task.Run(() => serve(toFar.Reader, toNear.Writer));
        return new Ends(toNear.Reader, toFar.Writer);
    }

    /// <summary>
    /// Hands every segment <paramref name="reader"/> yields to <paramref name="write"/> until its writer completes; a
    /// failure the writer completed with is thrown here.
    /// </summary>
    public static async Task CopyAsync(PipeReader reader, Func<ReadOnlyMemory<byte>, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(write);
        while (true)
        {
            var read = await reader.ReadAsync(ct).ConfigureAwait(false);
            foreach (var segment in read.Buffer) await write(segment).ConfigureAwait(false);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return;
        }
    }
}
