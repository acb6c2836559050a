using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Registry.Kinds;
using PodLife.Core.Streaming;

namespace PodLife.ApiServer.Exec;

/// <summary>
/// Serves pods/exec (ExecREST, pkg/registry/core/pod/rest/subresources.go, and the WebSocket side of kube-apiserver's
/// stream translator): checks the request, picks the container, upgrades to a channel.k8s.io WebSocket (v5, or v4),
/// runs the command on the pod's node with the client's streams and ends with a Status on the error channel.
/// </summary>
/// <remarks>
/// kubectl 1.30+ tries the WebSocket first and falls back to SPDY only when the upgrade fails; SPDY is not served
/// here, so errors found before the upgrade (an unknown container, a pod without a node) reach kubectl as a Status
/// on both attempts, exactly as from kube-apiserver.
/// </remarks>
public sealed class PodExecStreamer(ResourceStorage storage, IPodExecTarget target)
{
    /// <summary>Subprotocols served, most preferred first (v5 adds closing stdin).</summary>
    public static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long output and the final Status wait for the client to set up its streams after the upgrade. client-go
    /// (remotecommand's wsStreamCreator) registers its streams only after the upgrade has returned, drops messages for
    /// streams it has not registered yet, and fails with "closed all streams" if the close comes first. kube-apiserver
    /// never meets this because reaching the kubelet and the runtime takes longer; a simulated node can answer at
    /// once (a program the image lacks fails in microseconds). Any message from the client ends the wait early,
    /// since it can only write on streams it has set up.
    /// </summary>
    static readonly TimeSpan StreamSetupGrace = TimeSpan.FromMilliseconds(100);

    /// <param name="attach">pods/attach (the container's main process) rather than pods/exec.</param>
    public async Task ServeAsync(HttpContext ctx, ResourceDefinition pods, string ns, string name, bool attach = false)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ct = ctx.RequestAborted;
        var options = PodExecOptions.Parse(ctx.Request.Query, attach);
        var (podJson, _) = await storage.GetAsync(pods, ns, name, ct);
        var pod = ObjectCodec.As<V1Pod>(podJson);
        var container = PodContainerName.Resolve(pod, options.Container);
        if (string.IsNullOrEmpty(pod.Spec?.NodeName)) throw Errors.BadRequest($"pod {name} does not have a host assigned");
        if (!ctx.WebSockets.IsWebSocketRequest) throw Errors.BadRequest("Upgrade request required");
        var asked = ctx.WebSockets.WebSocketRequestedProtocols;
        var protocol = asked.FirstOrDefault(Protocols.Contains)
            ?? throw Errors.BadRequest($"requested protocol(s) are not supported: [{string.Join(' ', asked)}]; supports [{string.Join(' ', Protocols)}]");
        using var ws = await ctx.WebSockets.AcceptWebSocketAsync(protocol);
        await RunAsync(ctx, new ChannelWebSocket(ws), pod.Spec.NodeName, options.Request(ns, name, container));
    }

    async Task RunAsync(HttpContext ctx, ChannelWebSocket socket, string node, PodExecRequest request)
    {
        var stdin = request.Stdin ? new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19)) : null;
        var resize = request.Tty ? Channel.CreateUnbounded<(ushort, ushort)>() : null;
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        var streams = new PodExecStreams(stdin?.Reader.AsStream(),
            request.Stdout ? socket.Writer(ChannelWebSocket.Stdout) : null,
            request.Stderr ? socket.Writer(ChannelWebSocket.Stderr) : null,
            resize?.Reader);
        JsonObject? status = null;
        Task receiving = Task.CompletedTask;
        try
        {
            // As kubelet does, an empty message on the lowest writable channel tells the client the streams are open.
            await socket.SendAsync(request.Stdout ? ChannelWebSocket.Stdout : request.Stderr ? ChannelWebSocket.Stderr : ChannelWebSocket.Error,
                ReadOnlyMemory<byte>.Empty, session.Token);
            var clientSpoke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            socket.HoldSendsUntil(Task.WhenAny(clientSpoke.Task, Task.Delay(StreamSetupGrace, session.Token)));
            receiving = ReceiveAsync(socket, stdin?.Writer, resize?.Writer, clientSpoke, session);
            status = await target.ExecAsync(node, request, streams, session.Token) is { } code
                ? ExecStatus.Exited(code)
                : ExecStatus.InternalError($"unable to upgrade connection: no node agent of this server serves node \"{node}\"");
        }
        catch (PodExecException e)
        {
            status = ExecStatus.InternalError(e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away; nothing is left to tell it.
        }
        catch (Exception e)
        {
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PodLife.ApiServer")
                .LogError(e, "{Verb} in {Namespace}/{Pod} failed", request.IsAttach ? "attach" : "exec", request.Namespace, request.Pod);
            status = ExecStatus.InternalError(e.Message);
        }
        try
        {
            if (status is not null)
            {
                await socket.SendAsync(ChannelWebSocket.Error, JsonSerializer.SerializeToUtf8Bytes(status), session.Token);
                await socket.CloseAsync(session.Token);
            }
            await receiving.WaitAsync(CloseWait, CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or TimeoutException)
        {
        }
        finally
        {
            await session.CancelAsync();
        }
    }

    // The client's messages: stdin data, v5's close of stdin, terminal sizes. Its leaving ends the session.
    static async Task ReceiveAsync(ChannelWebSocket socket, PipeWriter? stdin, ChannelWriter<(ushort, ushort)>? resize,
        TaskCompletionSource spoke, CancellationTokenSource session)
    {
        var stdinOpen = stdin is not null;
        try
        {
            await socket.ReceiveAsync(async (channel, data) =>
            {
                spoke.TrySetResult();
                switch (channel)
                {
                    case ChannelWebSocket.Stdin when stdinOpen:
                        await stdin!.WriteAsync(data, session.Token);
                        break;
                    case ChannelWebSocket.Close when data.Length > 0 && data.Span[0] == ChannelWebSocket.Stdin && stdinOpen:
                        stdinOpen = false;
                        await stdin!.CompleteAsync();
                        break;
                    case ChannelWebSocket.Resize when resize is not null && TerminalSize.Read(data) is { } size:
                        resize.TryWrite(size);
                        break;
                }
            }, session.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
        finally
        {
            spoke.TrySetResult();
            if (stdinOpen) await stdin!.CompleteAsync();
            resize?.TryComplete();
            await session.CancelAsync();
        }
    }
}
