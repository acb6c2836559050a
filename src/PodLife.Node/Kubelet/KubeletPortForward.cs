using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using PodLife.Core.Streaming;
using PodLife.Node.Exec;

namespace PodLife.Node.Kubelet;

/// <summary>
/// /portForward/{namespace}/{pod}?port=N on the kubelet endpoint of a node agent in its own process: one connection to
/// the pod's port per WebSocket (<see cref="PortForwardWebSocket"/>); the API server speaks kubectl's protocol.
/// </summary>
internal static class KubeletPortForward
{
    public static async Task ServeAsync(HttpContext ctx, INodeExec exec, string ns, string pod, CancellationToken stopping)
    {
        var text = ctx.Request.Query["port"].ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.Response.WriteAsync($"invalid port \"{text}\"", ctx.RequestAborted);
            return;
        }
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.Response.WriteAsync("Upgrade request required", ctx.RequestAborted);
            return;
        }
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        try
        {
            System.IO.Pipelines.IDuplexPipe connection;
            try
            {
                connection = await exec.PortForwardAsync(ns, pod, port, session.Token)
                    ?? throw new PortForwardException($"pod \"{pod}\" in namespace \"{ns}\" is not running on this node");
            }
            catch (PortForwardException e)
            {
                await PortForwardWebSocket.SendOutcomeAsync(socket, e.Message, session.Token);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, session.Token);
                return;
            }
            await PortForwardWebSocket.SendOutcomeAsync(socket, null, session.Token);
            await PortForwardWebSocket.RelayAsync(socket, connection.Input, connection.Output, session.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }
}
