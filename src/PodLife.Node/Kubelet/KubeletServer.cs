using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Core.Hosting;
using PodLife.Node.Exec;
using PodLife.Node.Logs;

namespace PodLife.Node.Kubelet;

/// <summary>
/// The part of kubelet's HTTPS server (:10250) the API server calls for pods/log, pods/exec and pods/attach:
/// GET /containerLogs/{namespace}/{pod}/{container}?previous&amp;tailLines&amp;sinceSeconds&amp;timestamps&amp;follow,
/// answered as text/plain, and /exec/{namespace}/{pod}/{container}?command=… and /attach/… over a channel.k8s.io
/// WebSocket, and /portForward/{namespace}/{pod}?port=N (one connection per WebSocket). Like a kubelet with its default self-signed serving certificate, it is trusted by the
/// API server without a CA; callers must send a bearer token that <c>authenticate</c> accepts.
/// </summary>
public sealed class KubeletServer : IAsyncDisposable
{
    readonly WebApplication _app;

    KubeletServer(WebApplication app, int port) => (_app, Port) = (app, port);

    /// <summary>The port it listens on (the one asked for, or the one picked for 0).</summary>
    public int Port { get; }

    public static async Task<KubeletServer> StartAsync(IPAddress address, int port, INodeLogs logs, INodeExec exec, Func<string, bool> authenticate,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(exec);
        ArgumentNullException.ThrowIfNull(authenticate);
        // No appsettings to reload: the default would watch the current directory and all below it with inotify.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failure to start (a port in use) reaches the caller as one line; the host would log its stack trace first.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, OwnerStoppedLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(address, port, l => l.UseHttps(SelfSignedCertificate.Create(address)));
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Use(async (ctx, next) =>
        {
            var header = ctx.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !authenticate(header[7..].Trim()))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ctx.Response.WriteAsync("Unauthorized");
                return;
            }
            await next(ctx);
        });
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/containerLogs/{ns}/{pod}/{container}", (HttpContext ctx, string ns, string pod, string container) =>
            ContainerLogsAsync(ctx, logs, new ContainerLogQuery(ns, pod, container, ctx.Request.Query)));
        // kube-apiserver uses POST; a WebSocket upgrade is a GET.
        app.MapMethods("/exec/{ns}/{pod}/{container}", ["GET", "POST"], (HttpContext ctx, string ns, string pod, string container) =>
            KubeletExec.ServeAsync(ctx, exec, ns, pod, container, attach: false, ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        app.MapMethods("/attach/{ns}/{pod}/{container}", ["GET", "POST"], (HttpContext ctx, string ns, string pod, string container) =>
            KubeletExec.ServeAsync(ctx, exec, ns, pod, container, attach: true, ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        app.MapGet("/portForward/{ns}/{pod}", (HttpContext ctx, string ns, string pod) =>
            KubeletPortForward.ServeAsync(ctx, exec, ns, pod, ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"cannot listen on {address}:{port}: {ListenFailure.Describe(e)}", e);
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return new KubeletServer(app, bound);
    }

    static async Task ContainerLogsAsync(HttpContext ctx, INodeLogs logs, ContainerLogQuery query)
    {
        // The server's shutdown ends a followed log as it ends a watch.
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        if (query.Error is { } bad)
        {
            await TextAsync(ctx, StatusCodes.Status400BadRequest, bad);
            return;
        }
        try
        {
            if (!query.Follow)
            {
                if (await logs.ReadAsync(query.Request, cts.Token).ConfigureAwait(false) is { } text) await TextAsync(ctx, 200, text);
                else await TextAsync(ctx, StatusCodes.Status404NotFound, $"pod \"{query.Request.Pod}\" in namespace \"{query.Request.Namespace}\" not found on this node");
                return;
            }
            var started = false;
            await foreach (var piece in logs.FollowAsync(query.Request, cts.Token).ConfigureAwait(false))
            {
                if (!started) await StartTextAsync(ctx, 200);
                started = true;
                await ctx.Response.WriteAsync(piece, cts.Token).ConfigureAwait(false);
                await ctx.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
            }
            if (!started) await TextAsync(ctx, StatusCodes.Status404NotFound, $"pod \"{query.Request.Pod}\" in namespace \"{query.Request.Namespace}\" not found on this node");
        }
        catch (NodeLogsException e) when (!ctx.Response.HasStarted)
        {
            await TextAsync(ctx, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }
    }

    static async Task StartTextAsync(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.StartAsync().ConfigureAwait(false);
    }

    static async Task TextAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(text).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
