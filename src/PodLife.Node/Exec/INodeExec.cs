namespace PodLife.Node.Exec;

/// <summary>
/// Runs commands in a node's containers and connects to its pods' ports, as kubelet serves them on :10250/exec and
/// /portForward for pods/exec and pods/portforward.
/// </summary>
public interface INodeExec
{
    /// <summary>
    /// Runs the command to its end, copying the streams, and returns its exit code; null (without touching the
    /// streams) when this node does not run that pod.
    /// </summary>
    /// <exception cref="NodeExecException">The container does not run, or the runtime could not run the command.</exception>
    Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default);

    /// <summary>
    /// A connection to <paramref name="port"/> in the pod's network namespace; null when this node does not run that pod.
    /// </summary>
    /// <exception cref="PodLife.Core.Streaming.PortForwardException">The pod has no sandbox, or nothing listens there.</exception>
    Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default);
}
