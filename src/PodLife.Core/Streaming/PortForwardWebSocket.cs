using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;

namespace PodLife.Core.Streaming;

/// <summary>
/// One port-forward connection carried in a WebSocket between the API server and a node agent in another process
/// (its kubelet endpoint's /portForward/NS/POD?port=N): the node first sends a text message, empty once it has
/// connected to the port and otherwise the reason it could not; then the bytes go both ways as binary messages, and
/// each side's close frame is its end of data (the other side may still send, as after a TCP half-close).
/// </summary>
public static class PortForwardWebSocket
{
    /// <summary>The node's first message: empty when connected, else the failure kubectl shows.</summary>
    public static Task SendOutcomeAsync(WebSocket socket, string? failure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.SendAsync(Encoding.UTF8.GetBytes(failure ?? ""), WebSocketMessageType.Text, endOfMessage: true, ct);
    }

    /// <summary>Reads the node's first message.</summary>
    /// <exception cref="PortForwardException">The node could not connect to the port, or closed without saying.</exception>
    public static async Task ReceiveOutcomeAsync(WebSocket socket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var text = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close) throw new PortForwardException("the node closed the port-forward connection");
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        if (text.Length > 0) throw new PortForwardException(Encoding.UTF8.GetString(text.ToArray()));
    }

    /// <summary>
    /// Copies <paramref name="input"/> out as binary messages (then a close frame) and the peer's binary messages into
    /// <paramref name="output"/> (completed at its close frame) until both directions have ended.
    /// </summary>
    public static async Task RelayAsync(WebSocket socket, PipeReader input, PipeWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await Task.WhenAll(SendAsync(socket, input, ct), ReceiveAsync(socket, output, ct)).ConfigureAwait(false);
        socket.Abort();
    }

    static async Task SendAsync(WebSocket socket, PipeReader input, CancellationToken ct)
    {
        try
        {
            await PipeConnection.CopyAsync(input, segment => socket.SendAsync(segment, WebSocketMessageType.Binary, endOfMessage: true, ct).AsTask(), ct)
                .ConfigureAwait(false);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or InvalidOperationException)
        {
        }
        await input.CompleteAsync().ConfigureAwait(false);
    }

    static async Task ReceiveAsync(WebSocket socket, PipeWriter output, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var memory = output.GetMemory(16 * 1024);
                var received = await socket.ReceiveAsync(memory, ct).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close) break;
                output.Advance(received.Count);
                if ((await output.FlushAsync(ct).ConfigureAwait(false)).IsCompleted) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            failure = new PortForwardException($"lost the node's port-forward connection: {e.Message}");
        }
        await output.CompleteAsync(failure).ConfigureAwait(false);
    }
}
