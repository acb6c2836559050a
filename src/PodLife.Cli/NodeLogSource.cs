using System.Runtime.CompilerServices;
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
            return await logs.ReadAsync(Request(query), cancellationToken);
        }
        catch (NodeLogsException e)
        {
            throw new PodLogException(e.Message);
        }
    }

    public async IAsyncEnumerable<string> FollowAsync(string node, PodLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pieces = logs.FollowAsync(Request(query), cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await pieces.MoveNextAsync()) yield break;
            }
            catch (NodeLogsException e)
            {
                throw new PodLogException(e.Message);
            }
            yield return pieces.Current;
        }
    }

    static ContainerLogRequest Request(PodLogQuery q) =>
        new(q.Namespace, q.Pod, q.Container, q.Previous, q.TailLines, q.SinceSeconds, q.Timestamps);
}
