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
}
