namespace PodLife.ApiServer.Exec;

/// <summary>
/// Where pods/exec runs a command: the node agent that runs the pod (kube-apiserver connects to its kubelet's /exec).
/// </summary>
public interface IPodExecTarget
{
    /// <summary>
    /// Runs the command to its end, copying the streams, and returns its exit code; null, without touching the
    /// streams, when this target does not serve <paramref name="node"/> or does not run the pod.
    /// </summary>
    /// <exception cref="PodExecException">The node refused or failed; the message is shown to the user.</exception>
    Task<int?> ExecAsync(string node, PodExecRequest request, PodExecStreams streams, CancellationToken cancellationToken);

    /// <summary>
    /// A connection to <paramref name="port"/> of the pod (pods/portforward, kubelet's /portForward); null when this
    /// target does not serve <paramref name="node"/> or does not run the pod.
    /// </summary>
    /// <exception cref="PodLife.Core.Streaming.PortForwardException">Nothing listens there; the message is shown to the user.</exception>
    Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string node, string ns, string pod, int port, CancellationToken cancellationToken);
}
