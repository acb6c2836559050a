using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Autorest;
using PodLife.ApiServer.Logs;

namespace PodLife.Cli.Node;

/// <summary>
/// pods/log for nodes in other processes: asks the node's kubelet endpoint (<see cref="KubeletEndpoint"/>) for /containerLogs, as kube-apiserver proxies to the kubelet. Like
/// kube-apiserver without --kubelet-certificate-authority it does not verify the kubelet's self-signed certificate;
/// it sends the admin token, which `podlife node` accepts from its token file. <paramref name="client"/> gives the
/// API client that finds the node (its owner may build it on first use).
/// </summary>
public sealed class KubeletLogSource(Func<IKubernetes> client, string token, Func<string, bool> servedElsewhere) : IPodLogSource, IDisposable
{
    readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    });

    public async Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (servedElsewhere(node)) return null;
        if (await KubeletEndpoint.BaseUrlAsync(client(), node, cancellationToken).ConfigureAwait(false) is not { } kubelet) return null;
        var url = $"{kubelet}/containerLogs/{Uri.EscapeDataString(query.Namespace)}/{Uri.EscapeDataString(query.Pod)}/{Uri.EscapeDataString(query.Container)}{Query(query)}";
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
    }
}
