using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace PodLife.Core.Client;

/// <summary>
/// A watch through a KubernetesClient <see cref="Kubernetes"/> (its HttpClient pipeline, base address and credentials,
/// so the in-process handler or HTTPS alike), decoding each event from the UTF-8 bytes of its line
/// (<see cref="WatchEventDecoder"/>). KubernetesClient's own watcher reads every line as a string and decodes it twice
/// (once to learn its kind, once into the model), and drops ERROR events. Here an answer other than 2xx is an
/// <see cref="HttpOperationException"/> as the client's, an ERROR event a <see cref="KubernetesException"/> with its
/// Status, and the stream's end the enumeration's end (the caller lists and watches again).
/// </summary>
public static class ApiWatch
{
    const int InitialBuffer = 16 * 1024;

    /// <summary>The query of a watch from <paramref name="resourceVersion"/>: <c>?...&amp;watch=true</c>.</summary>
    public static string Query(string? resourceVersion, string? fieldSelector = null, bool allowBookmarks = false)
    {
        var query = new StringBuilder("?");
        if (allowBookmarks) query.Append("allowWatchBookmarks=true&");
        if (fieldSelector is { Length: > 0 }) query.Append("fieldSelector=").Append(Uri.EscapeDataString(fieldSelector)).Append('&');
        if (resourceVersion is { Length: > 0 }) query.Append("resourceVersion=").Append(Uri.EscapeDataString(resourceVersion)).Append('&');
        return query.Append("watch=true").ToString();
    }

    /// <summary>Watches <paramref name="path"/> (e.g. <c>api/v1/pods</c>) with <paramref name="query"/> from <see cref="Query"/>.</summary>
    public static IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(IKubernetes client, string path, string query,
        CancellationToken ct) => WatchAsync<T>(client, path, query, ModelJson.DecodeOptions, ct);

    /// <summary>
    /// As <see cref="WatchAsync{T}(IKubernetes, string, string, CancellationToken)"/>, decoding the objects with
    /// <paramref name="options"/> (e.g. ones that skip fields the caller would drop).
    /// </summary>
    public static IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(IKubernetes client, string path, string query,
        JsonSerializerOptions options, CancellationToken ct) => WatchAsync<T>(client, path, query, options, null, ct);

    /// <summary>
    /// As <see cref="WatchAsync{T}(IKubernetes, string, string, JsonSerializerOptions, CancellationToken)"/>, skipping
    /// without decoding them the ADDED, MODIFIED and DELETED events whose line <paramref name="wanted"/> refuses (a
    /// test of the bytes that is cheaper than the decode it spares); ERROR and BOOKMARK events always come through.
    /// </summary>
    public static async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(IKubernetes client, string path, string query,
        JsonSerializerOptions options, WatchLineFilter? wanted, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var response = await OpenAsync(client, path + query, ct).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var lineStart = start;
                    start += newline + 1;
                    if (IsBlank(buffer, lineStart, newline) || Skipped(buffer.AsSpan(lineStart, newline), wanted)) continue;
                    yield return WatchEventDecoder.Decode<T>(buffer.AsSpan(lineStart, newline), options);
                    continue;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    // The last event may end without a newline.
                    if (!IsBlank(buffer, 0, end) && !Skipped(buffer.AsSpan(0, end), wanted)) yield return WatchEventDecoder.Decode<T>(buffer.AsSpan(0, end), options);
                    yield break;
                }
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static bool IsBlank(byte[] buffer, int start, int length) => buffer.AsSpan(start, length).Trim(" \t\r"u8).IsEmpty;

    static bool Skipped(ReadOnlySpan<byte> line, WatchLineFilter? wanted) =>
        wanted is not null && WatchEventDecoder.PeekType(line) is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted && !wanted(line);

    static async Task<HttpResponseMessage> OpenAsync(IKubernetes client, string relativeUri, CancellationToken ct)
    {
        var kubernetes = client as Kubernetes
            ?? throw new ArgumentException($"a watch needs KubernetesClient's Kubernetes client, not {client.GetType().Name}", nameof(client));
        // As the client's own requests: HTTP/2 preferred, its credentials, headers read before the body streams.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kubernetes.BaseUri, relativeUri)) { Version = HttpVersion.Version20 };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (kubernetes.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        var response = await kubernetes.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }
}

/// <summary>Whether a watch event's line (its UTF-8 bytes) is worth decoding.</summary>
public delegate bool WatchLineFilter(ReadOnlySpan<byte> line);
