using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Hosting;

/// <summary>
/// The web UI under /ui/: static files embedded in this assembly. They hold no cluster data, so they are served
/// without authentication; the page itself calls the API with the user's bearer token.
/// </summary>
public static class UiEndpoints
{
    public const string Prefix = "/ui";

    static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8", // ES modules are refused under any other type
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>True for the paths the UI serves, which skip authentication.</summary>
    public static bool IsUiPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    public static void MapPodLifeUi(this WebApplication app)
    {
        // One route: routing ignores a trailing slash, so /ui and /ui/ both land here. Only /ui/ may serve the page,
        // or its relative links (style.css) would resolve outside /ui/.
        // A RequestDelegate (see MapPodLifeApi): no RequestDelegateFactory and its compiled expression trees.
        app.MapGet($"{Prefix}/{{**file}}", ctx =>
        {
            var file = ctx.Request.RouteValues["file"] as string;
            if (!string.IsNullOrEmpty(file)) return ServeAsync(ctx, file);
            if (ctx.Request.Path.Value?.EndsWith('/') == true) return ServeAsync(ctx, "index.html");
            ctx.Response.Redirect($"{Prefix}/");
            return Task.CompletedTask;
        });
    }

    /// <summary>The address that opens the UI already signed in: the token travels in the fragment, never to a server.</summary>
    public static string SignedInAddress(Uri server, string token) => $"{server.ToString().TrimEnd('/')}{Prefix}/#token={Uri.EscapeDataString(token)}";

    static async Task ServeAsync(HttpContext ctx, string file)
    {
        if (!Files.TryGetValue(file, out var bytes)) throw Errors.ResourceNotFound();
        ctx.Response.ContentType = ContentTypes[Path.GetExtension(file)];
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        // Only our own scripts and the API itself; no inline script, no third-party origin.
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ui/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            // MSBuild's RecursiveDir uses the OS separator; URLs use '/'.
            files[name["ui/".Length..].Replace('\\', '/')] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
