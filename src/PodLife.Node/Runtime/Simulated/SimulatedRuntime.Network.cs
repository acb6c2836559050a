namespace PodLife.Node.Runtime.Simulated;

// The pod network as probes see it: simulated servers answer on the ports they listen on; others refuse.
public sealed partial class SimulatedRuntime
{
    const string NotFoundPage = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n";

    const string NotAllowedPage = "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n</body>\r\n</html>\r\n";

    /// <inheritdoc/>
    public Task<HttpGetResult> HttpGetAsync(
        string host, int port, string path, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        HttpRequestAsync(host, port, "GET", path, cancellationToken);

    // A request as a client sends it through a port-forward or the API server's proxy: a static file takes GET and HEAD
    // only (nginx answers other methods with 405 Not Allowed).
    Task<HttpGetResult> HttpRequestAsync(string host, int port, string method, string path, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            var url = $"http://{host}:{port}{path}";
            if (Listener(host, port) is not var (container, (spec, since)))
            {
                return new HttpGetResult(0, "", $"Get \"{url}\": {DialError(host, port)}");
            }
            if (!spec.IsHttp)
            {
                // A plain TCP server (redis, postgres) closes the connection on an HTTP request.
                return new HttpGetResult(0, "", $"Get \"{url}\": EOF");
            }
            if (spec.FailAfterSeconds is { } seconds && _scheduler.Now - since >= TimeSpan.FromSeconds(seconds))
            {
                return new HttpGetResult(500, $"error: {(_scheduler.Now - since).TotalSeconds:0.######}");
            }
            var route = path.Split('?')[0];
            if (spec.Routes.TryGetValue(route, out var status))
                return new HttpGetResult(status, spec.Bodies.TryGetValue(route, out var body) ? body.Replace("{hostname}", container.Hostname, StringComparison.Ordinal) : "ok");
            var file = spec.Docroot is null ? null
                : container.FileSystem.Read(Processes.ContainerFileSystem.Resolve(spec.Docroot, "." + route + (route.EndsWith('/') ? "index.html" : "")));
            if (file is null) return new HttpGetResult(404, NotFoundPage);
            return method is "GET" or "HEAD" ? new HttpGetResult(200, file) : new HttpGetResult(405, NotAllowedPage);
        });

    /// <inheritdoc/>
    public Task<string?> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => Listener(host, port) is null ? DialError(host, port) : null);

    /// <inheritdoc/>
    public Task<GrpcHealthResult> GrpcHealthCheckAsync(string host, int port, string service, TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            if (Listener(host, port) is not var (_, (spec, since)) || spec.GrpcHealth is not { } services) return GrpcHealthResult.ConnectTimeout;
            if (services.Count == 0) return new GrpcHealthResult(null, GrpcHealthError.Unimplemented);
            if (!services.Contains(service)) return new GrpcHealthResult(null, GrpcHealthError.UnknownService);
            var failing = spec.FailAfterSeconds is { } seconds && _scheduler.Now - since >= TimeSpan.FromSeconds(seconds);
            return GrpcHealthResult.Answered(failing ? GrpcHealthResult.NotServing : GrpcHealthResult.Serving);
        });

    string DialError(string host, int port) =>
        _sandboxes.Values.Any(s => s.Ip == host && s.State == PodSandboxState.Ready)
            ? $"dial tcp {host}:{port}: connect: connection refused"
            : $"dial tcp {host}:{port}: connect: no route to host";

    (SimulatedContainer, (Images.ListenSpec, DateTimeOffset))? Listener(string host, int port)
    {
        var sandbox = _sandboxes.Values.FirstOrDefault(s => s.Ip == host && s.State == PodSandboxState.Ready);
        foreach (var container in sandbox?.Containers ?? [])
        {
            if (container.Listener(port) is { } listener) return (container, listener);
        }
        return null;
    }
}
