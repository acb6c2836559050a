using System.Text;
using System.Threading.Channels;
using PodLife.Node.Exec;
using PodLife.Node.Runtime.Simulated.Processes;
using PodLife.Node.Runtime.Simulated.Shell;

namespace PodLife.Node.Runtime.Simulated;

// kubectl exec: a command beside the main process with live output; stdin read as it arrives, or line by line by an
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
        var input = streams.Stdin is null ? null : new StreamedInput();
        SimulatedProcess? process = null;
        var typing = Task.CompletedTask;
        try
        {
            // The command starts at once; what reads stdin waits for it (a command that does not read it never waits).
            var run = Start(containerId, command, io with { Input = input }, p =>
                tty && input is not null && ProgramRunner.IsBareShell(command)
                    ? p.RunAsync(shell => new ShellInterpreter(shell, Path.GetFileName(command[0])).RunInteractiveAsync(input, shell.Io))
                    : p.RunAsync(command), out process);
            if (input is not null) typing = TypeAsync(streams.Stdin!, input, tty ? new TerminalLineDiscipline() : null, e => output.Writer.TryWrite((false, e)), closeAtEnd: true, stop.Token);
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

    // Creates the exec's process in the running container and starts it (it runs under the lock until it first waits);
    // a program the image lacks fails to start, as runc fails it.
    Task<(int ExitCode, bool OomKilled)> Start(string containerId, IReadOnlyList<string> command, ShellIo io,
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
            if (!ProgramRunner.Exists(container, command)) throw MissingProgram(command[0]);
            process = container.NewExec(io);
            return run(process);
        }
    }

    // runc's words, through containerd, for a program the image lacks (by name on $PATH, or by path).
    ContainerRuntimeException MissingProgram(string program) => new(RuntimeErrorCode.Unknown,
        $"failed to exec in container: failed to start exec \"{NewId("exec")}\": OCI runtime exec failed: exec failed: unable to start container process: {ProgramRunner.MissingProgramReason(program)}: unknown");

    // Stdin as it arrives; through a terminal, lines as they are completed, with the terminal's echo, and ^D on an empty
    // line is the end of input. An exec's stdin ends with the client's; an attach's only when the container says so.
    async Task TypeAsync(Stream stdin, StreamedInput input, TerminalLineDiscipline? terminal, Action<string> echo, bool closeAtEnd, CancellationToken ct)
    {
        try
        {
            await foreach (var text in ReadTextAsync(stdin, ct).ConfigureAwait(false))
            {
                if (terminal is null)
                {
                    lock (Gate) input.Append(text);
                    continue;
                }
                var (echoed, lines) = terminal.Type(text);
                if (echoed.Length > 0) echo(echoed);
                if (lines.Count > 0)
                {
                    lock (Gate) input.Append(string.Concat(lines.Select(l => l + "\n")));
                }
                if (terminal.EndOfInput) break;
            }
        }
        finally
        {
            if (closeAtEnd || terminal is { EndOfInput: true })
            {
                lock (Gate) input.Close();
            }
        }
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
