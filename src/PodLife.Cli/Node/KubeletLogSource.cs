using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
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
        if (await UrlAsync(node, query, follow: false, cancellationToken).ConfigureAwait(false) is not { } url) return null;
        using var response = await SendAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => body,
            HttpStatusCode.NotFound => null,
            var other => throw Refused(url, other, body),
        };
    }

    public async IAsyncEnumerable<string> FollowAsync(string node, PodLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await UrlAsync(node, query, follow: true, cancellationToken).ConfigureAwait(false) is not { } url) yield break;
        using var response = await SendAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) yield break;
        if (response.StatusCode != HttpStatusCode.OK)
            throw Refused(url, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        yield return ""; // the node serves this log, even before its first byte
        using var text = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        var buffer = new char[8192];
        while (true)
        {
            int read;
            try
            {
                read = await text.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                yield break; // the node agent went away: the log ends, as a broken kubelet connection ends it
            }
            if (read == 0) yield break;
            yield return new string(buffer, 0, read);
        }
    }

    async Task<string?> UrlAsync(string node, PodLogQuery query, bool follow, CancellationToken ct)
    {
        if (servedElsewhere(node)) return null;
        if (await KubeletEndpoint.BaseUrlAsync(client(), node, ct).ConfigureAwait(false) is not { } kubelet) return null;
        return $"{kubelet}/containerLogs/{Uri.EscapeDataString(query.Namespace)}/{Uri.EscapeDataString(query.Pod)}/{Uri.EscapeDataString(query.Container)}{Query(query, follow)}";
    }

    async Task<HttpResponseMessage> SendAsync(string url, HttpCompletionOption completion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await _http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // kube-apiserver passes the dial error through, which kubectl prints after "Error from server".
            throw new PodLogException($"Get \"{url}\": {e.Message}");
        }
    }

    static PodLogException Refused(string url, HttpStatusCode code, string body) => code == HttpStatusCode.BadRequest
        ? new PodLogException(body)
        : new PodLogException($"Get \"{url}\": kubelet answered {(int)code} {code}: {body}");

    static string Query(PodLogQuery q, bool follow)
    {
        var parts = new List<string>();
        if (follow) parts.Add("follow=true");
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
