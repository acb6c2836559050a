namespace PodLife.ApiServer.Logs;

/// <summary>
/// Where pods/log reads container logs: the node agent that runs the pod (kube-apiserver proxies to the kubelet).
/// The API server has already checked, from the pod's status, that the asked instance exists.
/// </summary>
public interface IPodLogSource
{
    /// <summary>The log text (each line ending in \n), or null when this source does not serve <paramref name="node"/>.</summary>
    /// <exception cref="PodLogException">The node cannot give this log; the message is shown to the user (400).</exception>
    Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A followed log, as kube-apiserver proxies <c>follow=true</c> to the kubelet: first the log as
    /// <see cref="ReadAsync"/> gives it (possibly empty), then each new piece of text as the container writes it,
    /// ending once the container's instance has exited and its last lines are sent. Nothing at all when this source
    /// does not serve <paramref name="node"/>.
    /// </summary>
    /// <exception cref="PodLogException">The node cannot give this log; the message is shown to the user (400).</exception>
    IAsyncEnumerable<string> FollowAsync(string node, PodLogQuery query, CancellationToken cancellationToken);
}
