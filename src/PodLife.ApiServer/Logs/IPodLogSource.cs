namespace PodLife.ApiServer.Logs;

/// <summary>
/// Where pods/log reads container logs: the node agent that runs the pod (kube-apiserver proxies to the kubelet).
/// The API server has already checked, from the pod's status, that the asked instance exists; follow is done by
/// the API server re-reading while the container runs, so a source only answers one read at a time.
/// </summary>
public interface IPodLogSource
{
    /// <summary>The log text (each line ending in \n), or null when this source does not serve <paramref name="node"/>.</summary>
    /// <exception cref="PodLogException">The node cannot give this log; the message is shown to the user (400).</exception>
    Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken);
}
