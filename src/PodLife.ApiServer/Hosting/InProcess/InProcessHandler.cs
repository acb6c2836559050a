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
            return await exchange.Response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();
}
