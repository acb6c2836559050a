using System.Net.WebSockets;
using System.Text.Json;
using PodLife.Core.Streaming;
using PodLife.Node.Exec;
using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

// kubectl exec on real containers, as kubelet does it: CRI Exec gives a URL on containerd's streaming server, which
// speaks the channel.k8s.io WebSocket protocol (v4); a command without stdin or terminal runs through ExecSync.
public sealed partial class CriRuntime : IStreamingExec
{
    const string StreamingProtocol = "v4.channel.k8s.io";

    /// <inheritdoc/>
    public async Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, bool tty, ExecStreams streams,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Stdin is null && !tty) return await ExecWithoutInputAsync(containerId, command, streams, cancellationToken).ConfigureAwait(false);
        var request = new V1.ExecRequest
        {
            ContainerId = containerId, Cmd = { command }, Tty = tty,
            Stdin = streams.Stdin is not null, Stdout = streams.Stdout is not null, Stderr = streams.Stderr is not null && !tty,
        };
        var url = (await CriCalls.RunAsync(async () => await _runtime.ExecAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false)).Url;
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(StreamingProtocol);
        try
        {
            await ws.ConnectAsync(new Uri("ws" + url[url.IndexOf(':', StringComparison.Ordinal)..]), cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, $"failed to connect to the streaming server at {url}: {e.Message}");
        }
        return await RelayAsync(new ChannelWebSocket(ws), streams, cancellationToken).ConfigureAwait(false);
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

    // Copies the client's stdin and terminal sizes to the streaming server and its output back, until it sends the
    // exec's Status and closes.
    static async Task<int> RelayAsync(ChannelWebSocket socket, ExecStreams streams, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var typing = streams.Stdin is { } stdin ? SendStdinAsync(socket, stdin, stop.Token) : Task.CompletedTask;
        var resizing = streams.Resize is { } sizes ? SendSizesAsync(socket, sizes, stop.Token) : Task.CompletedTask;
        using var status = new MemoryStream();
        try
        {
            await socket.ReceiveAsync(async (channel, data) =>
            {
                var target = channel switch
                {
                    ChannelWebSocket.Stdout => streams.Stdout,
                    ChannelWebSocket.Stderr => streams.Stderr,
                    ChannelWebSocket.Error => status,
                    _ => null,
                };
                if (target is not null && !data.IsEmpty)
                {
                    await target.WriteAsync(data, ct).ConfigureAwait(false);
                    await target.FlushAsync(ct).ConfigureAwait(false);
                }
            }, ct).ConfigureAwait(false);
        }
        catch (WebSocketException)
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

    // The v4 error channel: a metav1.Status; success, or NonZeroExitCode with the code in an ExitCode cause.
    static int ExitCode(byte[] json)
    {
        if (json.Length == 0) return 0;
        using var status = JsonDocument.Parse(json);
        var root = status.RootElement;
        if (root.TryGetProperty("status", out var s) && s.GetString() == "Success") return 0;
        if (root.TryGetProperty("reason", out var reason) && reason.GetString() == "NonZeroExitCode"
            && root.TryGetProperty("details", out var details) && details.TryGetProperty("causes", out var causes))
        {
            foreach (var cause in causes.EnumerateArray())
            {
                if (cause.TryGetProperty("reason", out var r) && r.GetString() == "ExitCode"
                    && int.TryParse(cause.GetProperty("message").GetString(), out var code)) return code;
            }
        }
        var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
        throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, message ?? System.Text.Encoding.UTF8.GetString(json));
    }

    static async Task SendStdinAsync(ChannelWebSocket socket, Stream stdin, CancellationToken ct)
    {
        // v4 cannot tell the server that stdin ended; a terminal sends ^D as a byte instead.
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            await socket.SendAsync(ChannelWebSocket.Stdin, buffer.AsMemory(0, read), ct).ConfigureAwait(false);
    }

    static async Task SendSizesAsync(ChannelWebSocket socket, System.Threading.Channels.ChannelReader<(ushort Width, ushort Height)> sizes, CancellationToken ct)
    {
        await foreach (var (width, height) in sizes.ReadAllAsync(ct).ConfigureAwait(false))
            await socket.SendAsync(ChannelWebSocket.Resize, JsonSerializer.SerializeToUtf8Bytes(new { Width = width, Height = height }), ct).ConfigureAwait(false);
    }
}
