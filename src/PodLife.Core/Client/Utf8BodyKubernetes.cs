using k8s;

namespace PodLife.Core.Client;

/// <summary>
/// A KubernetesClient that sends request bodies as UTF-8 serialized once (<see cref="Utf8Body.Encode"/>: the bytes
/// KubernetesClient's string encodes to) with the content type KubernetesClient gives them, where KubernetesClient
/// serializes a body to a string and encodes that string again; a <see cref="Utf8Body"/> (alone or as a patch's
/// content) is sent as it is. Everything else (URL, headers, credentials, timeouts, answers,
/// <see cref="k8s.Autorest.HttpOperationException"/>) is KubernetesClient's own.
/// </summary>
/// <remarks>
/// KubernetesClient builds the request in <c>SendRequest</c> and serializes the body to a string there; it then calls
/// <c>SendRequestRaw</c> synchronously. The body's content is handed from one override to the other through a
/// per-thread slot, set and cleared around that synchronous call. The exception of a failed write carries an empty
/// request text where KubernetesClient put the body's string (nothing in PodLife reads it).
/// </remarks>
public sealed class Utf8BodyKubernetes(KubernetesClientConfiguration config, params DelegatingHandler[] handlers) : Kubernetes(config, handlers)
{
    [ThreadStatic] static HttpContent? t_content;

    protected override Task<HttpResponseMessage> SendRequest<T>(string relativeUri, HttpMethod method,
        IReadOnlyDictionary<string, IReadOnlyList<string>> customHeaders, T body, CancellationToken cancellationToken)
    {
        if (body is null || Utf8Body.Encode(body) is not { } json) return base.SendRequest(relativeUri, method, customHeaders, body, cancellationToken);
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = GetHeader(body);
        t_content = content;
        try
        {
            return base.SendRequest(relativeUri, method, customHeaders, default(T)!, cancellationToken);
        }
        finally
        {
            t_content = null;
        }
    }

    protected override Task<HttpResponseMessage> SendRequestRaw(string requestContent, HttpRequestMessage httpRequest, CancellationToken cancellationToken)
    {
        if (t_content is { } content)
        {
            t_content = null;
            httpRequest.Content = content;
        }
        return base.SendRequestRaw(requestContent, httpRequest, cancellationToken);
    }
}
