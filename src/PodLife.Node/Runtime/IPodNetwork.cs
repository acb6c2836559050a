namespace PodLife.Node.Runtime;

/// <summary>
/// How the node reaches a pod's IP for httpGet and tcpSocket probes and hooks. With real containers this is the
/// host network; the simulated runtime answers from its simulated servers.
/// </summary>
public interface IPodNetwork
{
    /// <summary>Sends <c>GET http://host:port/path</c>; connection failures come back as Go-shaped errors.</summary>
    Task<HttpGetResult> HttpGetAsync(
        string host, int port, string path, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Opens (and closes) a TCP connection; returns null on success, else the Go-shaped dial error.</summary>
    Task<string?> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the gRPC health service at host:port for <paramref name="service"/>'s status. A network that cannot speak
    /// gRPC only checks that the port accepts connections: healthy if it does, a connect timeout if not.
    /// </summary>
    async Task<GrpcHealthResult> GrpcHealthCheckAsync(string host, int port, string service, TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        await TcpConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false) is null
            ? GrpcHealthResult.Answered(GrpcHealthResult.Serving)
            : GrpcHealthResult.ConnectTimeout;
}
