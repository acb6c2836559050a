using PodLife.ApiServer.Logs;
using PodLife.Node.Logs;

namespace PodLife.Cli;

/// <summary>pods/log for the nodes that run in this process: the API server asks their agents' logs directly.</summary>
sealed class NodeLogSource(INodeLogs logs) : IPodLogSource
{
    public async Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken)
    {
        try
        {
            // The agents know which pods they run; a pod on another node is simply not found among them.
            return await logs.ReadAsync(
                new ContainerLogRequest(query.Namespace, query.Pod, query.Container, query.Previous, query.TailLines, query.SinceSeconds, query.Timestamps),
                cancellationToken);
        }
        catch (NodeLogsException e)
        {
            throw new PodLogException(e.Message);
        }
    }
}
