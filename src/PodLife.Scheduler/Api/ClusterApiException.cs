namespace PodLife.Scheduler.Api;

/// <summary>An API call answered with an error status (409 Conflict for a pod already bound, 404 for a pod gone, 410 for a stale watch).</summary>
public sealed class ClusterApiException(int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public bool IsConflict => StatusCode == 409;
    public bool IsNotFound => StatusCode == 404;
    /// <summary>410 Gone: the resourceVersion a watch started from was compacted; the remedy is a fresh list.</summary>
    public bool IsGone => StatusCode == 410;
}
