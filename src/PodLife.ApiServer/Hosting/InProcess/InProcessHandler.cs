using Microsoft.AspNetCore.WebUtilities;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>
/// An HttpClient handler that hands each request straight to the API server's request pipeline in this process (see
/// <see cref="InProcessServer"/>): same authentication (the request's own bearer token), authorization, handlers and
/// Status errors as over HTTPS, without TLS, a socket or HTTP framing. The response comes back as soon as the server
/// starts it, and its body streams (watches, followed logs). A <see cref="DelegatingHandler"/> so that it can be given to
/// the KubernetesClient, which puts its own handler behind it; that one is never called.
/// </summary>
public sealed class InProcessHandler(InProcessServer server) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? Stream.Null : await request.Content.ReadAsStreamAsync(cancellationToken);
        var exchange = new InProcessExchange(request, body);
        server.Serve(exchange);
        // Cancelling the request aborts the server's side too; once the response has started, disposing its body does.
        using (cancellationToken.Register(static (state, ct) => ((InProcessExchange)state!).CancelledByClient(ct), exchange))
        {
            var response = await exchange.Response;
            // KubernetesClient decodes an answer with a synchronous Deserialize(Stream): on a body the server is still
            // writing, that blocks a thread-pool thread until it is done (sync over async; in the 100,000-pod trial such
            // blocked threads made the pool grow to over a hundred threads). An answer that does not stream is read in
            // full here first, as HttpClient's default (ResponseContentRead) does.
            if (!Streams(request.RequestUri)) await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
    }

    /// <summary>A watch or a followed log: its body stays open and is read as it comes. Flags read as the server reads them.</summary>
    internal static bool Streams(Uri? uri)
    {
        // Most requests have no such flag: their query is not parsed into a dictionary (unless an escape might hide one).
        var text = uri?.Query ?? "";
        if (!text.Contains('%') && !text.Contains("watch", StringComparison.OrdinalIgnoreCase) && !text.Contains("follow", StringComparison.OrdinalIgnoreCase))
            return false;
        var query = QueryHelpers.ParseQuery(text);
        return QueryFlag.IsTrue(query.GetValueOrDefault("watch").ToString()) || QueryFlag.IsTrue(query.GetValueOrDefault("follow").ToString());
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();
}
