using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Core.Streaming;
using PodLife.Core.Streaming.Spdy;

namespace PodLife.ApiServer.Exec;

/// <summary>
/// Serves pods/portforward (PortForwardREST, pkg/registry/core/pod/rest/subresources.go) with kubelet's
/// portforward.k8s.io protocol over SPDY/3.1: either tunnelled in a WebSocket (subprotocol
/// <c>SPDY/3.1+portforward.k8s.io</c>, what kubectl 1.31+ asks first) or on the connection upgraded to SPDY (what
/// older kubectl asks, and newer ones fall back to). Each local connection kubectl accepts opens an error stream and a
/// data stream with the same request id and port; the data stream carries the bytes to and from the pod's port, the
/// error stream the reason a connection failed.
/// </summary>
public sealed class PodPortForwarder(ResourceStorage storage, IPodExecTarget target)
{
    public const string TunnelProtocol = "SPDY/3.1+portforward.k8s.io";
    public const string StreamProtocol = "portforward.k8s.io";

    public async Task ServeAsync(HttpContext ctx, ResourceDefinition pods, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ct = ctx.RequestAborted;
        foreach (var text in ctx.Request.Query["ports"])
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw Errors.BadRequest($"port \"{text}\" is not a valid port number");
        }
        var (podJson, _) = await storage.GetAsync(pods, ns, name, ct);
        var pod = ObjectCodec.As<V1Pod>(podJson);
        if (string.IsNullOrEmpty(pod.Spec?.NodeName)) throw Errors.BadRequest($"pod {name} does not have a host assigned");
        await using var transport = await UpgradeAsync(ctx);
        await using var session = new SpdyServerSession(transport);
        await new Forwarding(target, pod.Spec.NodeName, ns, name).RunAsync(session, ct);
    }

    static async Task<Stream> UpgradeAsync(HttpContext ctx)
    {
        if (ctx.WebSockets.IsWebSocketRequest)
        {
            var asked = ctx.WebSockets.WebSocketRequestedProtocols;
            if (!asked.Contains(TunnelProtocol))
                throw Errors.BadRequest($"requested protocol(s) are not supported: [{string.Join(' ', asked)}]; supports [{TunnelProtocol}]");
            // .NET refuses a subprotocol that is not an RFC 7230 token ("/" and "+" are not), so the header is set by hand.
            ctx.Response.Headers.SecWebSocketProtocol = TunnelProtocol;
            var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            return WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: true);
        }
        var upgrade = ctx.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true } || !string.Equals(ctx.Request.Headers.Upgrade, "SPDY/3.1", StringComparison.OrdinalIgnoreCase))
            throw Errors.BadRequest("Upgrade request required");
        var protocols = ctx.Request.Headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (!protocols.Contains(StreamProtocol))
            throw Errors.BadRequest($"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', protocols)}], server supports [{StreamProtocol}]");
        ctx.Response.Headers["X-Stream-Protocol-Version"] = StreamProtocol;
        ctx.Response.Headers.Connection = "Upgrade";
        ctx.Response.Headers.Upgrade = "SPDY/3.1";
        return await upgrade.UpgradeAsync();
    }

    /// <summary>One session's connections: stream pairs by request id, each forwarded once both streams are open.</summary>
    sealed class Forwarding(IPodExecTarget target, string node, string ns, string pod)
    {
        readonly ConcurrentDictionary<string, (SpdyServerStream? Error, SpdyServerStream? Data)> _pairs = new();
        readonly ConcurrentBag<Task> _connections = [];

        public async Task RunAsync(SpdyServerSession session, CancellationToken ct)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                await session.RunAsync(stream => Opened(stream, stop.Token), stop.Token);
            }
            catch (SpdyException)
            {
                // A client that breaks the protocol loses its session.
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(_connections).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        void Opened(SpdyServerStream stream, CancellationToken ct)
        {
            var id = stream.Header("requestid") ?? "";
            var error = stream.Header("streamtype") == "error";
            var pair = _pairs.AddOrUpdate(id, _ => error ? (stream, null) : (null, stream), (_, p) => error ? (stream, p.Data) : (p.Error, stream));
            if (pair is ({ } e, { } d) && _pairs.TryRemove(id, out _)) _connections.Add(Task.Run(() => ForwardAsync(e, d, ct), CancellationToken.None));
        }

        async Task ForwardAsync(SpdyServerStream error, SpdyServerStream data, CancellationToken ct)
        {
            string? failure = null;
            try
            {
                var text = data.Header("port");
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    throw new PortForwardException($"invalid port header \"{text}\"");
                var connection = await target.PortForwardAsync(node, ns, pod, port, ct)
                    ?? throw new PortForwardException($"no node agent of this server serves node \"{node}\"");
                // The client's bytes go on in the background: the connection ends with the pod's side, and kubectl
                // half-closes its side only once it has stopped reading.
                _ = UploadAsync(data.Input, connection.Output, ct);
                failure = await DownloadAsync(connection.Input, data, ct);
            }
            catch (PortForwardException e)
            {
                failure = e.Message;
                _ = DrainAsync(data.Input, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                return;
            }
            try
            {
                // kubectl waits for the end of the error stream after the data: both end here.
                await data.CloseAsync(ct);
                if (failure is not null) await error.WriteAsync(Encoding.UTF8.GetBytes(failure), ct);
                await error.CloseAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }

        // The pod's bytes to the client until the pod's side ends; a failure that ends it is returned for the error stream.
        static async Task<string?> DownloadAsync(PipeReader fromPod, SpdyServerStream data, CancellationToken ct)
        {
            try
            {
                await PipeConnection.CopyAsync(fromPod, segment => data.WriteAsync(segment, ct), ct);
                return null;
            }
            catch (PortForwardException e)
            {
                return e.Message;
            }
            finally
            {
                await fromPod.CompleteAsync();
            }
        }

        // The client's bytes to the pod until the client's FIN, then the half-close; anything after the pod stopped
        // reading is dropped, so the session never waits on this stream.
        static async Task UploadAsync(PipeReader fromClient, PipeWriter toPod, CancellationToken ct)
        {
            try
            {
                var open = true;
                await PipeConnection.CopyAsync(fromClient, async segment =>
                {
                    if (open && (await toPod.WriteAsync(segment, ct)).IsCompleted) open = false;
                }, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
            }
            await toPod.CompleteAsync();
            await fromClient.CompleteAsync();
        }

        static async Task DrainAsync(PipeReader fromClient, CancellationToken ct)
        {
            try
            {
                await PipeConnection.CopyAsync(fromClient, _ => Task.CompletedTask, ct);
            }
            catch (OperationCanceledException)
            {
            }
            await fromClient.CompleteAsync();
        }
    }
}
