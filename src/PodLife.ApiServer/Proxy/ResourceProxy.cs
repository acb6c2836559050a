using System.Net;
using System.Net.Http.Headers;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PodLife.ApiServer.Exec;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Core.Streaming;

namespace PodLife.ApiServer.Proxy;

/// <summary>
/// Serves pods/proxy and services/proxy (ProxyREST in pkg/registry/core/{pod,service}): an HTTP request under
/// <c>.../NAME[:PORT]/proxy/PATH</c> goes to PATH on a port of the pod, or of a ready endpoint of the service, and its
/// answer comes back as the pod gave it. kube-apiserver dials the pod's IP; PodLife reaches the pod through the node
/// that runs it, as a port-forward does, so simulated pods answer too.
/// </summary>
public sealed class ResourceProxy(ResourceStorage storage, IPodExecTarget nodes)
{
    /// <summary>The methods ProxyREST connects (rest.ProxyMethods).</summary>
    static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    // Go's httputil.ReverseProxy drops these hop-by-hop headers both ways.
    static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer",
        "Transfer-Encoding", "Upgrade",
    };

    public async Task ServeAsync(HttpContext ctx, RequestInfo info, ResourceDefinition def)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(def);
        if (!Methods.Contains(ctx.Request.Method)) throw Errors.MethodNotAllowed();
        var location = def.Resource == "services"
            ? await ServiceLocationAsync(info, ctx.RequestAborted)
            : await PodLocationAsync(info, ctx.RequestAborted);
        var (path, query) = ProxiedPath(ctx, info);
        if (path.Length == 0)
        {
            // kube's UpgradeAwareHandler sends a bare .../proxy to .../proxy/, where relative links resolve under it.
            ctx.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            ctx.Response.Headers.Location = ctx.Request.PathBase + ctx.Request.Path + "/" + query;
            return;
        }
        await ForwardAsync(ctx, location, path + query);
    }

    async Task<ProxyLocation> PodLocationAsync(RequestInfo info, CancellationToken ct)
    {
        if (!ProxyLocation.TrySplit(info.Name, out var scheme, out var name, out var port))
            throw Errors.BadRequest($"invalid pod request \"{info.Name}\"");
        return ProxyLocation.ForPod(await GetAsync<V1Pod>("pods", info.Namespace, name, ct), scheme, port);
    }

    async Task<ProxyLocation> ServiceLocationAsync(RequestInfo info, CancellationToken ct)
    {
        if (!ProxyLocation.TrySplit(info.Name, out var scheme, out var name, out var port))
            throw Errors.BadRequest($"invalid service request \"{info.Name}\"");
        var portName = ProxyLocation.ServicePortName(await GetAsync<V1Service>("services", info.Namespace, name, ct), name, port);
        var endpoints = await GetAsync<V1Endpoints>("endpoints", info.Namespace, name, ct);
        if (endpoints.Subsets is not { Count: > 0 }) throw Unavailable($"no endpoints available for service \"{name}\"");
        foreach (var (address, number) in ProxyLocation.Candidates(endpoints, portName, Random.Shared))
        {
            if (await EndpointPodAsync(info.Namespace, address, ct) is not { } pod) continue;
            return new ProxyLocation(scheme.Length == 0 ? "http" : scheme, pod.Spec?.NodeName ?? "", info.Namespace, pod.Name(), address.Ip,
                number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        throw Unavailable($"no endpoints available for service \"{info.Name}\"");
    }

    // kube-apiserver's isValidAddress: the address must name a pod of the namespace that still has that IP.
    async Task<V1Pod?> EndpointPodAsync(string ns, V1EndpointAddress address, CancellationToken ct)
    {
        if (address.TargetRef is not { } target || target.NamespaceProperty != ns || string.IsNullOrEmpty(target.Name)) return null;
        try
        {
            var pod = await GetAsync<V1Pod>("pods", ns, target.Name, ct);
            return pod.Status?.PodIPs?.Any(ip => ip.Ip == address.Ip) == true ? pod : null;
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return null;
        }
    }

    async Task<T> GetAsync<T>(string resource, string ns, string name, CancellationToken ct)
    {
        var def = storage.Catalog.Find("", "v1", resource)!;
        var (obj, _) = await storage.GetAsync(def, ns, name, ct);
        return ObjectCodec.As<T>(obj);
    }

    /// <summary>
    /// What follows <c>/proxy</c> in the request's own (still escaped) path, and its query with the "?"; the path is
    /// empty for a bare <c>.../proxy</c>.
    /// </summary>
    static (string Path, string Query) ProxiedPath(HttpContext ctx, RequestInfo info)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/') raw = ctx.Request.PathBase.ToUriComponent() + ctx.Request.Path.ToUriComponent() + ctx.Request.QueryString;
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = q < 0 ? (raw, "") : (raw[..q], raw[q..]);
        return (RemainderAfter(path, ProxySegment(info)), query);
    }

    // Which segment of the path is "proxy": /api/v1 or /apis/GROUP/VERSION, [namespaces/NS,] RESOURCE, NAME, proxy.
    static int ProxySegment(RequestInfo info) => (info.Group.Length == 0 ? 2 : 3) + (info.Namespace.Length > 0 ? 2 : 0) + 3;

    /// <summary>The rest of <paramref name="path"/> after its first <paramref name="segments"/> segments, from its "/".</summary>
    public static string RemainderAfter(string path, int segments)
    {
        ArgumentNullException.ThrowIfNull(path);
        var at = 0;
        for (var i = 0; i <= segments; i++)
        {
            at = path.IndexOf('/', i == 0 ? 0 : at + 1);
            if (at < 0) return "";
        }
        return path[at..];
    }

    async Task ForwardAsync(HttpContext ctx, ProxyLocation location, string pathAndQuery)
    {
        var (port, badPort) = location.DialPort();
        if (badPort is not null) throw Unreachable(badPort);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) => new DuplexPipeStream(await ConnectAsync(location, port, ct)),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            // kube-apiserver does not verify a pod's serving certificate either: a pod has no name it could match.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = Request(ctx, location, pathAndQuery);
        HttpResponseMessage response;
        try
        {
            response = await invoker.SendAsync(request, ctx.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or PortForwardException)
        {
            // A failure the port-forward reports once it is read (containerd's) comes out of the client as it is.
            throw Unreachable(DialFailure(e, location));
        }
        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers, ctx.Response.Headers);
            CopyHeaders(response.Content.Headers, ctx.Response.Headers);
            if (HttpMethods.IsHead(ctx.Request.Method)) return;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ctx.RequestAborted);
                await body.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or PortForwardException)
            {
                // The answer has begun: all that is left is to cut it short, as a reverse proxy does.
                ctx.Abort();
            }
        }
    }

    async Task<System.IO.Pipelines.IDuplexPipe> ConnectAsync(ProxyLocation location, int port, CancellationToken ct) =>
        await nodes.PortForwardAsync(location.Node, location.Namespace, location.Pod, port, ct)
        // No node agent of this server runs the pod: what dialling an address nobody routes to gives.
        ?? throw new PortForwardException($"dial tcp {location.HostPort}: connect: no route to host");

    static HttpRequestMessage Request(HttpContext ctx, ProxyLocation location, string pathAndQuery)
    {
        var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), new Uri($"{location.Scheme}://{location.HostPort}{pathAndQuery}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var hasBody = ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody) request.Content = new StreamContent(ctx.Request.Body);
        foreach (var (name, values) in ctx.Request.Headers)
        {
            // The client's credentials are for PodLife (kube-apiserver removes them once it has authenticated).
            if (HopHeaders.Contains(name) || name.StartsWith(':') || name is "Host" or "Authorization" || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && hasBody)
                request.Content!.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        if (ctx.Connection.RemoteIpAddress is { } client) request.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", ctx.Request.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", ctx.Request.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Uri", ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString);
        return request;
    }

    static void CopyHeaders(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (!HopHeaders.Contains(name)) to[name] = values.ToArray();
        }
    }

    // The reason in Go's words, as kube-apiserver's proxy transport relays its dialer's and HTTP client's errors.
    static string DialFailure(Exception e, ProxyLocation location)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PortForwardException refused)
                return refused.Message.Contains("connection refused", StringComparison.Ordinal)
                    ? $"dial tcp {location.HostPort}: connect: connection refused"
                    : refused.Message;
        }
        // A server that closes the connection instead of answering.
        return e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.SecureConnectionError } ? "EOF" : e.Message;
    }

    static StatusException Unavailable(string message) => new(503, "ServiceUnavailable", message);

    static StatusException Unreachable(string reason) => Unavailable($"error trying to reach service: {reason}");
}
