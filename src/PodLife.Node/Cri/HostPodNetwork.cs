using System.Net.Sockets;
using PodLife.Core;
using PodLife.Node.Runtime;

namespace PodLife.Node.Cri;

/// <summary>
/// Reaches pod IPs over the host network, as kubelet's prober does, with Go's wording of failures
/// (pkg/probe/http and pkg/probe/tcp print the net/http and net errors).
/// </summary>
public sealed class HostPodNetwork : IPodNetwork, IDisposable
{
    // kubelet's prober reads at most 10 KiB of a body and does not follow redirects to other hosts.
    const int MaxBody = 10 * 1024;
    readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public HostPodNetwork() => _http.DefaultRequestHeaders.UserAgent.ParseAdd(KubernetesRelease.ProbeUserAgent);

    /// <inheritdoc/>
    public async Task<HttpGetResult> HttpGetAsync(string host, int port, string path, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var url = $"http://{host}:{port}{path}";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
            return new HttpGetResult((int)response.StatusCode, body.Length > MaxBody ? body[..MaxBody] : body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpGetResult(0, "", $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return new HttpGetResult(0, "", $"Get \"{url}\": {DialError(host, port, e.InnerException as SocketException)}");
        }
    }

    /// <inheritdoc/>
    public async Task<string?> TcpConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"dial tcp {host}:{port}: i/o timeout";
        }
        catch (SocketException e)
        {
            return DialError(host, port, e);
        }
    }

    static string DialError(string host, int port, SocketException? e) => e?.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"dial tcp {host}:{port}: connect: connection refused",
        SocketError.HostUnreachable => $"dial tcp {host}:{port}: connect: no route to host",
        SocketError.NetworkUnreachable => $"dial tcp {host}:{port}: connect: network is unreachable",
        SocketError.TimedOut => $"dial tcp {host}:{port}: i/o timeout",
        _ => $"dial tcp {host}:{port}: {e?.Message ?? "connection failed"}",
    };

    public void Dispose() => _http.Dispose();
}
