using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;
using PodLife.ApiServer.Logs;

namespace PodLife.Cli.Node;

/// <summary>
/// pods/log for nodes in other processes: asks the node's kubelet endpoint (its InternalIP and
/// status.daemonEndpoints.kubeletEndpoint.Port) for /containerLogs, as kube-apiserver proxies to the kubelet. Like
/// kube-apiserver without --kubelet-certificate-authority it does not verify the kubelet's self-signed certificate;
/// it sends the admin token, which `podlife node` accepts from its token file. The API client is made by
/// <paramref name="connect"/> on the first read (and owned from then on): building one costs start-up CPU that a
/// cluster whose nodes all run in-process never needs.
/// </summary>
public sealed class KubeletLogSource(Func<IKubernetes> connect, string token, Func<string, bool> servedElsewhere) : IPodLogSource, IDisposable
{
    readonly Lazy<IKubernetes> _client = new(connect);

    readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    });

    public async Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (servedElsewhere(node)) return null;
        k8s.Models.V1Node found;
        try
        {
            found = await _client.Value.CoreV1.ReadNodeAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var address = found.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        var port = found.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        if (address is null || port == 0) return null;
        var host = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        var url = $"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}/containerLogs/{Uri.EscapeDataString(query.Namespace)}/{Uri.EscapeDataString(query.Pod)}/{Uri.EscapeDataString(query.Container)}{Query(query)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => body,
                HttpStatusCode.NotFound => null,
                HttpStatusCode.BadRequest => throw new PodLogException(body),
                var other => throw new PodLogException($"Get \"{url}\": kubelet answered {(int)other} {other}: {body}"),
            };
        }
        catch (HttpRequestException e)
        {
            // kube-apiserver passes the dial error through, which kubectl prints after "Error from server".
            throw new PodLogException($"Get \"{url}\": {e.Message}");
        }
    }

    static string Query(PodLogQuery q)
    {
        var parts = new List<string>();
        if (q.Previous) parts.Add("previous=true");
        if (q.Timestamps) parts.Add("timestamps=true");
        if (q.TailLines is { } tail) parts.Add($"tailLines={tail.ToString(CultureInfo.InvariantCulture)}");
        if (q.SinceSeconds is { } since) parts.Add($"sinceSeconds={since.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public void Dispose()
    {
        _http.Dispose();
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
