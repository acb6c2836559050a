namespace PodLife.ApiServer.Exec;

/// <summary>The exec targets the server knows (in-process nodes, remote node agents); the first that runs the pod answers.</summary>
public sealed class PodExecTargets : IPodExecTarget
{
    readonly List<IPodExecTarget> _targets = [];
    readonly Lock _lock = new();

    /// <summary>Adds a target; <c>podlife up</c> adds its in-process nodes once they exist.</summary>
    public void Add(IPodExecTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock) _targets.Add(target);
    }

    public async Task<int?> ExecAsync(string node, PodExecRequest request, PodExecStreams streams, CancellationToken cancellationToken)
    {
        IPodExecTarget[] targets;
        lock (_lock) targets = [.. _targets];
        foreach (var target in targets)
        {
            if (await target.ExecAsync(node, request, streams, cancellationToken).ConfigureAwait(false) is { } code) return code;
        }
        return null;
    }
}
