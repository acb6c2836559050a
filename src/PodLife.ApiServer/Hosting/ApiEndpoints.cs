using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Discovery;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.OpenApi;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Security;

namespace PodLife.ApiServer.Hosting;

/// <summary>The whole HTTP surface: authentication, discovery, health, the resource registry and the web UI.</summary>
public static class ApiEndpoints
{
    public static void MapPodLifeApi(this WebApplication app)
    {
        app.Use(StatusBoundary);
        app.Use(Authenticate);
        // pods/exec streams over a channel.k8s.io WebSocket.
        app.UseWebSockets();

        var storage = app.Services.GetRequiredService<ResourceStorage>();
        var handler = app.Services.GetRequiredService<ResourceHandler>();
        // Resource requests, nearly all of them, go to the registry before the endpoint routing's matcher, which would
        // send them to the same place (the /api/{**rest} and /apis/{**rest} routes below); routing runs after this for
        // the rest (probes, discovery roots, OpenAPI, the web UI, the fallback).
        app.Use((ctx, next) => ResourceRequest(ctx.Request.Path) is { } core ? ServeAsync(ctx, storage, handler, core) : next(ctx));
        app.UseRouting();
        // Every handler here is a plain RequestDelegate: a handler with other parameters or another return type goes through
        // ASP.NET's RequestDelegateFactory, which compiles expression trees on the first request (System.Linq.Expressions
        // loaded, dozens of dynamic methods JIT-compiled) at start-up, for nothing we need.
        foreach (var probe in new[] { "/healthz", "/livez", "/readyz" })
            app.MapGet(probe, ctx => Results.Text("ok").ExecuteAsync(ctx));
        app.MapGet("/version", (HttpContext ctx) => HttpJson.WriteAsync(ctx, DiscoveryDocuments.Version()));
        app.MapGet("/api", (HttpContext ctx) => DiscoveryAsync(ctx, storage, core: true, () => DiscoveryDocuments.CoreVersions($"{ctx.Request.Host}")));
        app.MapGet("/apis", (HttpContext ctx) => DiscoveryAsync(ctx, storage, core: false, () => DiscoveryDocuments.Groups(storage.Catalog)));
        app.MapOpenApiDocuments();
        app.MapPodLifeUi();
        app.Map("/api/{**rest}", ctx => ServeAsync(ctx, storage, handler, core: true));
        app.Map("/apis/{**rest}", ctx => ServeAsync(ctx, storage, handler, core: false));
        app.MapFallback(_ => throw Errors.ResourceNotFound());
    }

    // /api and /apis answer in the aggregated format when the client asks for it first, else with the legacy documents.
    static Task DiscoveryAsync(HttpContext ctx, ResourceStorage storage, bool core, Func<System.Text.Json.Nodes.JsonObject> legacy)
    {
        ctx.Response.Headers.Vary = "Accept";
        return AggregatedDiscovery.Negotiate(ctx.Request.Headers.Accept.ToString()) is { } version
            ? HttpJson.WriteAsync(ctx, AggregatedDiscovery.List(storage.Catalog, core, version), contentType: AggregatedDiscovery.ContentType(version))
            : HttpJson.WriteAsync(ctx, legacy());
    }

    // True for /api/..., false for /apis/..., null for any other path (as the routes' patterns match, ignoring case).
    static bool? ResourceRequest(PathString path)
    {
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is { Length: > 1 }) return true;
        if (path.StartsWithSegments("/apis", StringComparison.OrdinalIgnoreCase, out rest) && rest.Value is { Length: > 1 }) return false;
        return null;
    }

    // /api/VERSION and /apis/GROUP/VERSION are resource lists; anything deeper is a resource request.
    static Task ServeAsync(HttpContext ctx, ResourceStorage storage, ResourceHandler handler, bool core)
    {
        var parts = (ctx.Request.Path.Value ?? "").Trim('/').Split('/');
        if (!core && parts.Length == 2 && HttpMethods.IsGet(ctx.Request.Method))
            return HttpJson.WriteAsync(ctx, DiscoveryDocuments.Group(storage.Catalog, parts[1]) ?? throw Errors.ResourceNotFound());
        if (parts.Length != (core ? 2 : 3)) return handler.HandleAsync(ctx);
        if (!HttpMethods.IsGet(ctx.Request.Method)) throw Errors.MethodNotAllowed();
        var list = DiscoveryDocuments.Resources(storage.Catalog, core ? "" : parts[1], parts[^1]) ?? throw Errors.ResourceNotFound();
        return HttpJson.WriteAsync(ctx, list);
    }

    // Every failure becomes a Status. Expected ones are StatusExceptions; anything else is a bug, logged, and still a Status.
    static async Task StatusBoundary(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx);
        }
        catch (StatusException e) when (!ctx.Response.HasStarted)
        {
            await HttpJson.WriteStatusAsync(ctx, e);
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            await HttpJson.WriteStatusAsync(ctx, e.StatusCode == 413 ? Errors.TooLarge(e.Message) : Errors.BadRequest(e.Message));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away (closed its stream or connection) while its request was read or served: nobody
            // is left to answer, and it is not a server failure.
        }
        catch (Exception e) when (e is not StatusException && !ctx.Response.HasStarted)
        {
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PodLife.ApiServer")
                .LogError(e, "unexpected failure serving {Method} {Path}", ctx.Request.Method, ctx.Request.Path);
            await HttpJson.WriteStatusAsync(ctx, new StatusException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
    }

    static async Task Authenticate(HttpContext ctx, RequestDelegate next)
    {
        if (UiEndpoints.IsUiPath(ctx.Request.Path))
        {
            await next(ctx);
            return;
        }
        var header = ctx.Request.Headers.Authorization.ToString();
        var tokens = ctx.RequestServices.GetRequiredService<TokenFile>();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || tokens.Authenticate(header[7..].Trim()) is not { } user)
        {
            await HttpJson.WriteStatusAsync(ctx, Errors.Unauthorized());
            return;
        }
        ctx.Items[typeof(UserInfo)] = user;
        await next(ctx);
    }
}
