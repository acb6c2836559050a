using PodLife.ApiServer.Hosting;

namespace PodLife.ApiServer.Exec;

/// <summary>The exec targets the server knows (in-process nodes, remote node agents); the first that runs the pod answers.</summary>
public sealed class PodExecTargets : IPodExecTarget
{
    readonly AddedLater<IPodExecTarget> _targets = new();

    /// <summary>Adds a target; <c>podlife up</c> adds its in-process nodes once they exist.</summary>
    public void Add(IPodExecTarget target) => _targets.Add(target);

    public async Task<int?> ExecAsync(string node, PodExecRequest request, PodExecStreams streams, CancellationToken cancellationToken)
    {
        foreach (var target in _targets.Snapshot())
        {
            if (await target.ExecAsync(node, request, streams, cancellationToken).ConfigureAwait(false) is { } code) return code;
        }
        return null;
    }

    public async Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string node, string ns, string pod, int port, CancellationToken cancellationToken)
    {
        foreach (var target in _targets.Snapshot())
        {
            if (await target.PortForwardAsync(node, ns, pod, port, cancellationToken).ConfigureAwait(false) is { } connection) return connection;
        }
        return null;
    }
}
