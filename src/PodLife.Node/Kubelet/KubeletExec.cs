using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using PodLife.Core.Streaming;
using PodLife.Node.Exec;

namespace PodLife.Node.Kubelet;

/// <summary>
/// kubelet's /exec/{namespace}/{pod}/{container}?command=…&amp;input=1&amp;output=1&amp;error=1&amp;tty=1, which
/// kube-apiserver reaches for pods/exec: a channel.k8s.io WebSocket (v5, or v4) whose streams run the command through
/// the node's <see cref="INodeExec"/> and which ends with the exec's Status on the error channel. /attach/… (for
/// pods/attach) is the same without a command: the streams are the container's main process's.
/// </summary>
static class KubeletExec
{
    static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
    static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    public static async Task ServeAsync(HttpContext ctx, INodeExec exec, string ns, string pod, string container, bool attach, CancellationToken stopping)
    {
        // kubelet's remotecommand options: a stream is asked for with "1"; a terminal has no separate stderr.
        bool Asked(string name) => ctx.Request.Query[name].ToString() == "1";
        List<string> command = attach ? [] : [.. ctx.Request.Query["command"].Select(c => c ?? "")];
        var tty = Asked("tty");
        var request = new ContainerExecRequest(ns, pod, container, command, Asked("input"), Asked("output"), Asked("error") && !tty, tty);
        if ((command.Count == 0 && !attach) || !(request.Stdin || request.Stdout || request.Stderr))
        {
            await TextAsync(ctx, StatusCodes.Status400BadRequest, command.Count == 0 ? "you must specify at least 1 command" : "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await TextAsync(ctx, StatusCodes.Status400BadRequest, "Upgrade request required");
            return;
        }
        var protocol = ctx.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(Protocols.Contains);
        if (protocol is null)
        {
            await TextAsync(ctx, StatusCodes.Status400BadRequest, $"requested protocol(s) are not supported: [{string.Join(' ', ctx.WebSockets.WebSocketRequestedProtocols)}]; supports [{string.Join(' ', Protocols)}]");
            return;
        }
        using var ws = await ctx.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        await RunAsync(new ChannelWebSocket(ws), exec, request, session).ConfigureAwait(false);
    }

    static async Task RunAsync(ChannelWebSocket socket, INodeExec exec, ContainerExecRequest request, CancellationTokenSource session)
    {
        var stdin = request.Stdin ? new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19)) : null;
        var resize = request.Tty ? Channel.CreateUnbounded<(ushort, ushort)>() : null;
        var streams = new ExecStreams(stdin?.Reader.AsStream(),
            request.Stdout ? socket.Writer(ChannelWebSocket.Stdout) : null,
            request.Stderr ? socket.Writer(ChannelWebSocket.Stderr) : null,
            resize?.Reader);
        JsonObject? status = null;
        var receiving = Task.CompletedTask;
        try
        {
            // An empty message on the lowest writable channel tells the client the streams are open.
            await socket.SendAsync(request.Stdout ? ChannelWebSocket.Stdout : request.Stderr ? ChannelWebSocket.Stderr : ChannelWebSocket.Error,
                ReadOnlyMemory<byte>.Empty, session.Token).ConfigureAwait(false);
            receiving = ReceiveAsync(socket, stdin?.Writer, resize?.Writer, session);
            status = await exec.ExecAsync(request, streams, session.Token).ConfigureAwait(false) is { } code
                ? ExecStatus.Exited(code)
                : ExecStatus.InternalError("unable to upgrade connection: pod does not exist");
        }
        catch (NodeExecException e)
        {
            // Worded as kube-apiserver reports a kubelet's refusal of the upgrade, or the runtime's failure.
            status = ExecStatus.InternalError(e.BeforeStart ? $"unable to upgrade connection: {e.Message}" : e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The API server went away; nothing is left to tell it.
        }
        try
        {
            if (status is not null)
            {
                await socket.SendAsync(ChannelWebSocket.Error, JsonSerializer.SerializeToUtf8Bytes(status), session.Token).ConfigureAwait(false);
                await socket.CloseAsync(session.Token).ConfigureAwait(false);
            }
            await receiving.WaitAsync(CloseWait, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or TimeoutException)
        {
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    // The API server's messages: stdin data, v5's close of stdin, terminal sizes. Its leaving ends the session.
    static async Task ReceiveAsync(ChannelWebSocket socket, PipeWriter? stdin, ChannelWriter<(ushort, ushort)>? resize, CancellationTokenSource session)
    {
        var stdinOpen = stdin is not null;
        try
        {
            await socket.ReceiveAsync(async (channel, data) =>
            {
                switch (channel)
                {
                    case ChannelWebSocket.Stdin when stdinOpen:
                        await stdin!.WriteAsync(data, session.Token).ConfigureAwait(false);
                        break;
                    case ChannelWebSocket.Close when data.Length > 0 && data.Span[0] == ChannelWebSocket.Stdin && stdinOpen:
                        stdinOpen = false;
                        await stdin!.CompleteAsync().ConfigureAwait(false);
                        break;
                    case ChannelWebSocket.Resize when resize is not null && TerminalSize.Read(data) is { } size:
                        resize.TryWrite(size);
                        break;
                }
            }, session.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            if (stdinOpen) await stdin!.CompleteAsync().ConfigureAwait(false);
            resize?.TryComplete();
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    static async Task TextAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(text).ConfigureAwait(false);
    }
}
