using System.Net.WebSockets;
using System.Text;
using k8s;
using PodLife.ApiServer.Exec;
using PodLife.Core.Streaming;

namespace PodLife.Cli.Node;

/// <summary>
/// pods/exec, pods/attach and pods/portforward for nodes in other processes: connects to the node's kubelet endpoint (<see cref="KubeletEndpoint"/>)
/// at /exec/NS/POD/CONTAINER?command=…&amp;input=1&amp;output=1&amp;error=1&amp;tty=1 (or /attach/…) over a v5 channel.k8s.io WebSocket
/// and relays the client's streams, as kube-apiserver connects to the kubelet; a port-forward connection goes to
/// /portForward/NS/POD?port=N (<see cref="PortForwardWebSocket"/>). Like <see cref="KubeletLogSource"/> it
/// does not verify the kubelet's self-signed certificate and sends the admin token.
/// </summary>
public sealed class KubeletExecTarget(Func<IKubernetes> client, string token, Func<string, bool> servedElsewhere) : IPodExecTarget
{
    const string Protocol = "v5.channel.k8s.io";

    public async Task<int?> ExecAsync(string node, PodExecRequest request, PodExecStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(streams);
        if (servedElsewhere(node)) return null;
        if (await KubeletEndpoint.BaseUrlAsync(client(), node, cancellationToken).ConfigureAwait(false) is not { } kubelet) return null;
        var url = new Uri("wss" + kubelet["https".Length..] + Path(request));
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(Protocol);
        ws.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        try
        {
            await ws.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw new PodExecException($"unable to upgrade connection: {e.Message}");
        }
        var (code, failure) = await RelayAsync(new ChannelWebSocket(ws), streams, cancellationToken).ConfigureAwait(false);
        return code ?? throw new PodExecException(failure!);
    }

    public async Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string node, string ns, string pod, int port, CancellationToken cancellationToken)
    {
        if (servedElsewhere(node)) return null;
        if (await KubeletEndpoint.BaseUrlAsync(client(), node, cancellationToken).ConfigureAwait(false) is not { } kubelet) return null;
        var url = new Uri("wss" + kubelet["https".Length..] + $"/portForward/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(pod)}?port={port}");
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        try
        {
            await ws.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            await PortForwardWebSocket.ReceiveOutcomeAsync(ws, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            ws.Dispose();
            throw new PortForwardException($"unable to upgrade connection: {e.Message}");
        }
        catch
        {
            ws.Dispose();
            throw;
        }
        return PipeConnection.Open(async (toNode, fromNode) =>
        {
            using (ws) await PortForwardWebSocket.RelayAsync(ws, toNode, fromNode, CancellationToken.None).ConfigureAwait(false);
        });
    }

    static string Path(PodExecRequest r)
    {
        var query = new StringBuilder();
        foreach (var c in r.Command) query.Append("&command=").Append(Uri.EscapeDataString(c));
        if (r.Stdin) query.Append("&input=1");
        if (r.Stdout) query.Append("&output=1");
        if (r.Stderr) query.Append("&error=1");
        if (r.Tty) query.Append("&tty=1");
        return $"/{(r.IsAttach ? "attach" : "exec")}/{Uri.EscapeDataString(r.Namespace)}/{Uri.EscapeDataString(r.Pod)}/{Uri.EscapeDataString(r.Container)}?{query.ToString(1, query.Length - 1)}";
    }

    // The client's stdin (then v5's close of it) and terminal sizes go to the kubelet; its output comes back until it
    // sends the exec's Status and closes.
    static async Task<(int?, string?)> RelayAsync(ChannelWebSocket socket, PodExecStreams streams, CancellationToken ct)
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
            await socket.CloseAsync(ct).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // A kubelet that goes away after its Status; without one the exec's end is unknown.
            if (status.Length == 0) return (null, "error reading from the kubelet's exec stream: connection closed");
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(typing, resizing).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        return ExecStatus.Read(status.ToArray());
    }

    static async Task SendStdinAsync(ChannelWebSocket socket, Stream stdin, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                await socket.SendAsync(ChannelWebSocket.Stdin, buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            await socket.SendAsync(ChannelWebSocket.Close, new[] { ChannelWebSocket.Stdin }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }

    static async Task SendSizesAsync(ChannelWebSocket socket, System.Threading.Channels.ChannelReader<(ushort Width, ushort Height)> sizes, CancellationToken ct)
    {
        try
        {
            await foreach (var (width, height) in sizes.ReadAllAsync(ct).ConfigureAwait(false))
                await socket.SendAsync(ChannelWebSocket.Resize, TerminalSize.Write(width, height), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
