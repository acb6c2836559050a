namespace PodLife.Node.Runtime;

/// <summary>The outcome of an HTTP GET to a pod: a status code and body, or the client's error text.</summary>
/// <param name="StatusCode">The HTTP status, 0 when <paramref name="Error"/> is set.</param>
/// <param name="Body">The response body.</param>
/// <param name="Error">
/// Go's net/http error when no response came, e.g.
/// <c>Get "http://10.244.0.5:8080/": dial tcp 10.244.0.5:8080: connect: connection refused</c>.
/// </param>
public sealed record HttpGetResult(int StatusCode, string Body, string? Error = null);
