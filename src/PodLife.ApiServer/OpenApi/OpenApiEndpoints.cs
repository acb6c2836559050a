using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PodLife.ApiServer.OpenApi;

/// <summary>Serves /openapi/v2 and /openapi/v3 for kubectl explain, apply and edit.</summary>
public static class OpenApiEndpoints
{
    /// <summary>Maps GET /openapi/v2, /openapi/v3 and /openapi/v3/{group-version}; the documents are built on the first request.</summary>
    public static IEndpointRouteBuilder MapOpenApiDocuments(this IEndpointRouteBuilder app)
    {
        // RequestDelegates (see MapPodLifeApi): no RequestDelegateFactory and its compiled expression trees.
        app.MapGet("/openapi/v2", context => Serve(context, OpenApiDocuments.V2, "no-cache, private").ExecuteAsync(context));
        app.MapGet("/openapi/v3", context => Serve(context, OpenApiDocuments.V3Index, "no-cache, private").ExecuteAsync(context));
        app.MapGet("/openapi/v3/{**groupVersion}", context =>
            ServeGroupVersion(context, context.Request.RouteValues["groupVersion"] as string ?? "").ExecuteAsync(context));
        return app;
    }

    static IResult ServeGroupVersion(HttpContext context, string groupVersion)
    {
        if (!OpenApiDocuments.V3.TryGetValue(groupVersion, out var document))
        {
            return Status(404, "NotFound", $"the server could not find the requested resource");
        }
        var hash = context.Request.Query["hash"].ToString();
        if (hash.Length == 0) return Serve(context, document, "no-cache, private");
        // A stale hash means the client's index is out of date: point it at the current document.
        if (hash != document.Hash) return Results.Redirect($"/openapi/v3/{groupVersion}?hash={document.Hash}", permanent: true);
        return Serve(context, document, "public, immutable, max-age=31536000");
    }

    static IResult Serve(HttpContext context, SerializedDocument document, string cacheControl)
    {
        // kubectl asks /openapi/v2 for protobuf only; answering 406 lets it fall back (see OpenApiKubectlTests).
        if (!AcceptsJson(context.Request.Headers.Accept.ToString()))
        {
            return Status(406, "NotAcceptable", "only the following media types are accepted: application/json");
        }
        var etag = $"\"{document.Hash}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = cacheControl;
        if (context.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(document.Json, "application/json");
    }

    static bool AcceptsJson(string accept) =>
        accept.Length == 0 || accept.Split(',').Select(a => a.Split(';')[0].Trim().ToLowerInvariant())
            .Any(a => a is "application/json" or "*/*" or "application/*");

    static IResult Status(int code, string reason, string message) => Results.Content(new JsonObject
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
        ["message"] = message, ["reason"] = reason, ["code"] = code,
    }.ToJsonString(), "application/json", statusCode: code);
}
