namespace PodLife.Node.Logs;

/// <summary>
/// A node's container logs, as kubelet serves them on :10250/containerLogs; the API server's pods/log calls it for
/// pods on in-process nodes.
/// </summary>
public interface INodeLogs
{
    /// <summary>The log text (each line ending in \n), or null when this node does not run that pod.</summary>
    /// <exception cref="NodeLogsException">The container has no such instance (e.g. no previous one).</exception>
    Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The log as <see cref="ReadAsync"/> gives it, then each new piece of text as the container writes it, ending when
    /// the container exits (<c>kubectl logs -f</c>); nothing when this node does not run that pod.
    /// </summary>
    /// <exception cref="NodeLogsException">The container has no such instance.</exception>
    IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default);
}
