using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.OpenApi;

namespace PodLife.ApiServer.Tests.OpenApi;

/// <summary>
/// A Kestrel app on a free loopback port that serves only the OpenAPI endpoints plus the legacy discovery
/// documents kubectl reads to map "pod" to pods/v1/Pod (the real discovery lives in the API server proper).
/// </summary>
sealed class OpenApiTestServer : IAsyncDisposable
{
    readonly WebApplication _app;

    OpenApiTestServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static async Task<OpenApiTestServer> StartAsync(Action<WebApplication>? mapMore = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapOpenApiDocuments();
        app.MapGet("/version", () => Results.Json(new { major = "1", minor = "32", gitVersion = "v1.32.0", platform = "linux/amd64" }));
        app.MapGet("/api", () => Results.Json(new
        {
            kind = "APIVersions", versions = new[] { "v1" },
            serverAddressByClientCIDRs = new[] { new { clientCIDR = "0.0.0.0/0", serverAddress = "127.0.0.1" } },
        }));
        app.MapGet("/apis", () => Results.Json(new { kind = "APIGroupList", apiVersion = "v1", groups = Array.Empty<object>() }));
        app.MapGet("/api/v1", () => Results.Json(new
        {
            kind = "APIResourceList", groupVersion = "v1",
            resources = new[]
            {
                new { name = "pods", singularName = "pod", namespaced = true, kind = "Pod", shortNames = new[] { "po" },
                    verbs = new[] { "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch" } },
            },
        }));
        mapMore?.Invoke(app);
        await app.StartAsync();
        return new OpenApiTestServer(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
