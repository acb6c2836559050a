namespace PodLife.Node.Runtime.Simulated;

// The pod network as probes see it: simulated servers answer on the ports they listen on; others refuse.
public sealed partial class SimulatedRuntime
{
    // nginx's own error pages, with the version its server_tokens show (the catalog's nginx image is 1.27.5).
    const string NotFoundPage = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n";

    const string NotAllowedPage = "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n";

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
            return Answer(host, port, method, path) switch
            {
                { Kind: PodAnswerKind.Answered } answer => new HttpGetResult(answer.Status, answer.Body),
                // A plain TCP server (redis, postgres) closes the connection on an HTTP request.
                { Kind: PodAnswerKind.Closed } => new HttpGetResult(0, "", $"Get \"{url}\": EOF"),
                _ => new HttpGetResult(0, "", $"Get \"{url}\": {DialError(host, port)}"),
            };
        });

    /// <summary>
    /// Serves a request another pod sends to <paramref name="ip"/>:<paramref name="port"/>; null when no pod of this
    /// runtime has the address.
    /// </summary>
    public Task<PodAnswer?> ServeAsync(string ip, int port, string method, string path, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => ReadyPod(ip) is not null ? Answer(ip, port, method, path) : null);

    /// <summary>True when a ready pod of this runtime has the address <paramref name="ip"/>.</summary>
    public Task<bool> HasPodAsync(string ip, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => ReadyPod(ip) is not null);

    /// <summary>How the cluster network reaches beyond this runtime's pods; null: its own pods only, by address.</summary>
    public IClusterNetwork? Cluster { get; set; }

    PodAnswer Answer(string host, int port, string method, string path)
    {
        if (Listener(host, port) is not var (container, (spec, since)))
        {
            return ReadyPod(host) is not null ? PodAnswer.Refused : PodAnswer.Unreachable;
        }
        if (!spec.IsHttp) return PodAnswer.Closed;
        if (spec.FailAfterSeconds is { } seconds && _scheduler.Now - since >= TimeSpan.FromSeconds(seconds))
        {
            return new PodAnswer(PodAnswerKind.Answered, 500, $"error: {(_scheduler.Now - since).TotalSeconds:0.######}");
        }
        var route = path.Split('?')[0];
        if (spec.Routes.TryGetValue(route, out var status))
            return new PodAnswer(PodAnswerKind.Answered, status, spec.Bodies.TryGetValue(route, out var body) ? body.Replace("{hostname}", container.Hostname, StringComparison.Ordinal) : "ok");
        var file = spec.Docroot is null ? null
            : container.FileSystem.Read(Processes.ContainerFileSystem.Resolve(spec.Docroot, "." + route + (route.EndsWith('/') ? "index.html" : "")));
        if (file is null) return new PodAnswer(PodAnswerKind.Answered, 404, NotFoundPage);
        return method is "GET" or "HEAD" ? new PodAnswer(PodAnswerKind.Answered, 200, file) : new PodAnswer(PodAnswerKind.Answered, 405, NotAllowedPage);
    }

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
        ReadyPod(host) is not null
            ? $"dial tcp {host}:{port}: connect: connection refused"
            : $"dial tcp {host}:{port}: connect: no route to host";

    // The running pod that has the address, if one of this runtime's does.
    SimulatedSandbox? ReadyPod(string ip) => _sandboxes.Values.FirstOrDefault(s => s.Ip == ip && s.State == PodSandboxState.Ready);

    (SimulatedContainer, (Images.ListenSpec, DateTimeOffset))? Listener(string host, int port)
    {
        var sandbox = ReadyPod(host);
        foreach (var container in sandbox?.Containers ?? [])
        {
            if (container.Listener(port) is { } listener) return (container, listener);
        }
        return null;
    }

    // A runtime on its own (tests of one node): its pods reach each other by address; no DNS.
    sealed class OwnPodsNetwork(SimulatedRuntime runtime) : IClusterNetwork
    {
        public string? Resolve(string fqdn) => null;

        public string? ReverseLookup(string ip) => null;

        public Task<bool> AnswersPingAsync(string ip, CancellationToken cancellationToken = default) => runtime.HasPodAsync(ip, cancellationToken);

        public async Task<PodAnswer> RequestAsync(string ip, int port, string method, string path, CancellationToken cancellationToken = default) =>
            await runtime.ServeAsync(ip, port, method, path, cancellationToken).ConfigureAwait(false) ?? PodAnswer.Unreachable;
    }
}
