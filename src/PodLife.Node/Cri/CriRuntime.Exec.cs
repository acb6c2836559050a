using System.Threading.Channels;
using PodLife.Core.Streaming;
using PodLife.Core.Streaming.Spdy;
using PodLife.Node.Cri.Spdy;
using PodLife.Node.Exec;
using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

// kubectl exec and attach on real containers, as kubelet does them: CRI Exec or Attach gives a URL on containerd's
// streaming server, reached like kubectl reaches a kubelet, over SPDY/3.1 with the v4.channel.k8s.io stream protocol: one SPDY stream per
// channel (error, stdin, stdout, stderr, resize), so the end of the client's stdin is a FIN on the stdin stream and
// `echo x | kubectl exec -i POD -- cat` ends. (containerd 1.6's WebSocket v4 cannot close stdin.) A command without
// stdin or terminal runs through ExecSync.
public sealed partial class CriRuntime : IStreamingExec
{
    // Only v4 is offered: its error stream carries the metav1.Status with the exit code that ExitCode reads; the older
    // protocols carry plain text.
    static readonly string[] StreamProtocols = ["v4.channel.k8s.io"];

    /// <inheritdoc/>
    public async Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, bool tty, ExecStreams streams,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Stdin is null && !tty) return await ExecWithoutInputAsync(containerId, command, streams, cancellationToken).ConfigureAwait(false);
        var asked = Announced.Of(streams, tty);
        var request = new V1.ExecRequest
        {
            ContainerId = containerId, Cmd = { command }, Tty = tty, Stdin = asked.Stdin, Stdout = asked.Stdout, Stderr = asked.Stderr,
        };
        var url = (await CriCalls.RunAsync(async () => await _runtime.ExecAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false)).Url;
        return await StreamAsync(url, asked, streams, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task AttachAsync(string containerId, bool tty, ExecStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var asked = Announced.Of(streams, tty);
        var request = new V1.AttachRequest { ContainerId = containerId, Tty = tty, Stdin = asked.Stdin, Stdout = asked.Stdout, Stderr = asked.Stderr };
        var url = (await CriCalls.RunAsync(async () => await _runtime.AttachAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false)).Url;
        await StreamAsync(url, asked, streams, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The streams a request to the streaming server announces.</summary>
    readonly record struct Announced(bool Stdin, bool Stdout, bool Stderr, bool Tty)
    {
        /// <summary>The client's streams; a terminal has no separate stderr.</summary>
        public static Announced Of(ExecStreams streams, bool tty) =>
            new(streams.Stdin is not null, streams.Stdout is not null, streams.Stderr is not null && !tty, tty);
    }

    static async Task<int> StreamAsync(string url, Announced announced, ExecStreams streams, CancellationToken ct)
    {
        try
        {
            await using var session = await SpdyClientSession.ConnectAsync(new Uri(url), StreamProtocols, ct).ConfigureAwait(false);
            return await RelayAsync(session, announced, streams, ct).ConfigureAwait(false);
        }
        catch (SpdyException e)
        {
            throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, e.Message);
        }
    }

    async Task<int> ExecWithoutInputAsync(string containerId, IReadOnlyList<string> command, ExecStreams streams, CancellationToken ct)
    {
        // Timeout 0: no deadline, the command runs as long as the client waits.
        var request = new V1.ExecSyncRequest { ContainerId = containerId, Cmd = { command }, Timeout = 0 };
        var response = await CriCalls.RunAsync(async () => await _runtime.ExecSyncAsync(request, cancellationToken: ct)).ConfigureAwait(false);
        if (streams.Stdout is { } stdout && !response.Stdout.IsEmpty) await stdout.WriteAsync(response.Stdout.Memory, ct).ConfigureAwait(false);
        if (streams.Stderr is { } stderr && !response.Stderr.IsEmpty) await stderr.WriteAsync(response.Stderr.Memory, ct).ConfigureAwait(false);
        return response.ExitCode;
    }

    // Opens the streams the exec request announced (client-go's order: error, stdin, stdout, stderr, resize), starts
    // copying stdin and terminal sizes once the server has answered them all, and copies output until the server
    // says GOAWAY or closes the connection, after the exec's Status.
    static async Task<int> RelayAsync(SpdyClientSession session, Announced request, ExecStreams streams, CancellationToken ct)
    {
        static KeyValuePair<string, string>[] Type(string type) => [new("streamtype", type)];
        var error = await session.OpenStreamAsync(Type("error"), ct).ConfigureAwait(false);
        var stdin = request.Stdin ? await session.OpenStreamAsync(Type("stdin"), ct).ConfigureAwait(false) : 0;
        var stdout = request.Stdout ? await session.OpenStreamAsync(Type("stdout"), ct).ConfigureAwait(false) : 0;
        var stderr = request.Stderr ? await session.OpenStreamAsync(Type("stderr"), ct).ConfigureAwait(false) : 0;
        var resize = request.Tty ? await session.OpenStreamAsync(Type("resize"), ct).ConfigureAwait(false) : 0;
        var unanswered = new HashSet<int>(new[] { error, stdin, stdout, stderr, resize }.Where(id => id != 0));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var typing = Task.CompletedTask;
        var resizing = Task.CompletedTask;
        using var status = new MemoryStream();
        try
        {
            await foreach (var frame in session.ReadFramesAsync(ct).ConfigureAwait(false))
            {
                switch (frame.Type)
                {
                    case SpdyFrameType.SynReply when unanswered.Remove(frame.StreamId) && unanswered.Count == 0:
                        if (streams.Stdin is { } input) typing = SendStdinAsync(session, stdin, input, stop.Token);
                        if (streams.Resize is { } sizes && resize != 0) resizing = SendSizesAsync(session, resize, sizes, stop.Token);
                        break;
                    case SpdyFrameType.Data when !frame.Payload.IsEmpty:
                        var target = frame.StreamId == stdout ? streams.Stdout
                            : frame.StreamId == stderr ? streams.Stderr
                            : frame.StreamId == error ? status
                            : null;
                        if (target is null) break;
                        await target.WriteAsync(frame.Payload, ct).ConfigureAwait(false);
                        await target.FlushAsync(ct).ConfigureAwait(false);
                        break;
                    case SpdyFrameType.GoAway:
                        // Everything the server sent before is read; it tears the streams down and closes.
                        return ExitCode(status.ToArray());
                }
            }
        }
        catch (IOException)
        {
            // The streaming server may drop the connection right after the Status instead of closing it.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(typing, resizing).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        return ExitCode(status.ToArray());
    }

    // The v4 error channel: a metav1.Status with the exit code, or the streaming server's failure. kubelet's streaming
    // server (so containerd's) words a failure "error executing command in container: <runtime error>"; the runtime
    // error alone is passed on, which the node words the same way again.
    static int ExitCode(byte[] json)
    {
        const string executing = "error executing command in container: ";
        var (code, failure) = ExecStatus.Read(json);
        if (code is { } exited) return exited;
        if (failure!.StartsWith(executing, StringComparison.Ordinal)) failure = failure[executing.Length..];
        throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, failure);
    }

    // The client's stdin, then the half-close: the command reads end of input.
    static async Task SendStdinAsync(SpdyClientSession session, int stream, Stream stdin, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                await session.WriteAsync(stream, buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            await session.CloseStreamAsync(stream, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The exec ended first (a shell that exits while the user could still type).
        }
    }

    static async Task SendSizesAsync(SpdyClientSession session, int stream, ChannelReader<(ushort Width, ushort Height)> sizes, CancellationToken ct)
    {
        try
        {
            await foreach (var (width, height) in sizes.ReadAllAsync(ct).ConfigureAwait(false))
                await session.WriteAsync(stream, TerminalSize.Write(width, height), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
