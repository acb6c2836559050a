namespace PodLife.Node.Exec;

/// <summary>Runs commands in a node's containers, as kubelet serves them on :10250/exec for pods/exec.</summary>
public interface INodeExec
{
    /// <summary>
    /// Runs the command to its end, copying the streams, and returns its exit code; null (without touching the
    /// streams) when this node does not run that pod.
    /// </summary>
    /// <exception cref="NodeExecException">The container does not run, or the runtime could not run the command.</exception>
    Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default);
}
