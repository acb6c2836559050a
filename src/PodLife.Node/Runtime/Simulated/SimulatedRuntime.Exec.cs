using System.Text;
using System.Threading.Channels;
using PodLife.Node.Exec;
using PodLife.Node.Runtime.Simulated.Processes;
using PodLife.Node.Runtime.Simulated.Shell;

namespace PodLife.Node.Runtime.Simulated;

// kubectl exec: a command beside the main process with live output; stdin as a whole, or line by line for an
// interactive shell on a terminal.
public sealed partial class SimulatedRuntime : IStreamingExec
{
    /// <inheritdoc/>
    public async Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, bool tty, ExecStreams streams,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(streams);
        if (command.Count == 0) throw new ContainerRuntimeException(RuntimeErrorCode.InvalidArgument, "cmd must not be empty");
        var output = Channel.CreateUnbounded<(bool Stderr, string Text)>(new UnboundedChannelOptions { SingleReader = true });
        // With a terminal, stderr is the terminal too.
        var io = new ShellIo(new ChannelOutput(output.Writer, stderr: false, tty), new ChannelOutput(output.Writer, stderr: !tty, tty));
        var copying = CopyOutputAsync(output.Reader, streams, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = Task.CompletedTask;
        SimulatedProcess? process = null;
        try
        {
            Task<(int ExitCode, bool OomKilled)> run;
            if (tty && streams.Stdin is { } terminal && ProgramRunner.IsBareShell(command))
            {
                LineInput? input = null;
                run = Start(containerId, io, p =>
                {
                    input = new LineInput(p);
                    return p.RunAsync(shell => new ShellInterpreter(shell, Path.GetFileName(command[0])).RunInteractiveAsync(input, io));
                }, out process);
                typing = TypeLinesAsync(terminal, input!, output.Writer, stop.Token);
            }
            else
            {
                var stdin = streams.Stdin is { } source ? await ReadInputAsync(source, tty, output.Writer, stop.Token).ConfigureAwait(false) : null;
                run = Start(containerId, io with { Stdin = stdin }, p => p.RunAsync(command), out process);
            }
            return (await run.WaitAsync(cancellationToken).ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && process is not null)
        {
            // The client went away: the exec's process is killed, as the runtime does when the stream ends.
            lock (Gate) process.Exit(128 + 9);
            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            output.Writer.TryComplete();
            try { await typing.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
            try { await copying.ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        }
    }

    // Creates the exec's process in the running container and starts it (it runs under the lock until it first waits).
    Task<(int ExitCode, bool OomKilled)> Start(string containerId, ShellIo io,
        Func<SimulatedProcess, Task<(int, bool)>> run, out SimulatedProcess process)
    {
        lock (Gate)
        {
            var container = Container(containerId);
            if (container.State != ContainerState.Running)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to exec in container: container is in {CriName(container.State)} state");
            }
            process = container.NewExec(io);
            return run(process);
        }
    }

    // Lines typed on the terminal go to the shell as they are completed; the terminal echoes what is typed.
    async Task TypeLinesAsync(Stream stdin, LineInput input, ChannelWriter<(bool, string)> output, CancellationToken ct)
    {
        var terminal = new TerminalLineDiscipline();
        try
        {
            await foreach (var text in ReadTextAsync(stdin, ct).ConfigureAwait(false))
            {
                var (echo, lines) = terminal.Type(text);
                if (echo.Length > 0) output.TryWrite((false, echo));
                if (lines.Count > 0)
                {
                    lock (Gate) foreach (var line in lines) input.Add(line);
                }
                if (terminal.EndOfInput) break;
            }
        }
        finally
        {
            lock (Gate) input.Close();
        }
    }

    // The whole of stdin for a command that reads it at once (through the terminal's line editing with -t).
    static async Task<string> ReadInputAsync(Stream stdin, bool tty, ChannelWriter<(bool, string)> output, CancellationToken ct)
    {
        var all = new StringBuilder();
        var terminal = tty ? new TerminalLineDiscipline() : null;
        await foreach (var text in ReadTextAsync(stdin, ct).ConfigureAwait(false))
        {
            if (terminal is null)
            {
                all.Append(text);
                continue;
            }
            var (echo, lines) = terminal.Type(text);
            if (echo.Length > 0) output.TryWrite((false, echo));
            foreach (var line in lines) all.Append(line).Append('\n');
            if (terminal.EndOfInput) break;
        }
        return all.ToString();
    }

    static async IAsyncEnumerable<string> ReadTextAsync(Stream stdin, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int read;
        while ((read = await stdin.ReadAsync(bytes, ct).ConfigureAwait(false)) > 0)
        {
            var count = decoder.GetChars(bytes, 0, read, chars, 0);
            if (count > 0) yield return new string(chars, 0, count);
        }
    }

    static async Task CopyOutputAsync(ChannelReader<(bool Stderr, string Text)> output, ExecStreams streams, CancellationToken ct)
    {
        await foreach (var (stderr, text) in output.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if ((stderr ? streams.Stderr : streams.Stdout) is not { } stream) continue;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
