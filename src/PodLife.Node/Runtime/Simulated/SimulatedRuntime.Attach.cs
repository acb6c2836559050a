using System.Text;
using System.Threading.Channels;
using PodLife.Node.Exec;
using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated;

// kubectl attach: the main process's output as it is written, and its stdin when the container keeps one open.
public sealed partial class SimulatedRuntime
{
    /// <inheritdoc/>
    public async Task AttachAsync(string containerId, bool tty, ExecStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        SimulatedContainer container;
        ChannelReader<(LogStream Stream, string Text)> output;
        ChannelWriter<(LogStream Stream, string Text)> session;
        lock (Gate)
        {
            container = Container(containerId);
            if (container.State != ContainerState.Running)
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, $"container is in {CriName(container.State)} state");
            output = container.Log.Attach(out session);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // What the client types is the main process's stdin. A terminal's echo is its output, so every attached client sees
        // it and the log keeps it. A container with stdinOnce closes its stdin for good when the first attached client's
        // ends, as the runtime does.
        var typing = streams.Stdin is { } stdin && container.MainInput is { } input
            ? TypeAsync(stdin, input, container.Config.Tty ? new TerminalLineDiscipline() : null, Echo, closeAtEnd: container.Config.StdinOnce, stop.Token)
            : Task.CompletedTask;
        try
        {
            await foreach (var (stream, text) in output.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // With a terminal there is one output stream.
                if ((tty || stream == LogStream.Stdout ? streams.Stdout : streams.Stderr) is not { } target) continue;
                await target.WriteAsync(Encoding.UTF8.GetBytes(container.Config.Tty ? TerminalLineDiscipline.Output(text) : text), cancellationToken).ConfigureAwait(false);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (Gate) container.Log.Detach(session);
            await stop.CancelAsync().ConfigureAwait(false);
            try { await typing.ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        }

        void Echo(string text)
        {
            lock (Gate) container.Log.Stdout.Write(text);
        }
    }
}
