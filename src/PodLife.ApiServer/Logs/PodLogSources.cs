using System.Runtime.CompilerServices;
using PodLife.ApiServer.Hosting;

namespace PodLife.ApiServer.Logs;

/// <summary>The log sources the server knows (in-process nodes, remote node agents); the first that serves a node answers.</summary>
public sealed class PodLogSources : IPodLogSource
{
    readonly AddedLater<IPodLogSource> _sources = new();

    /// <summary>Adds a source; <c>podlife up</c> adds its in-process nodes once they exist.</summary>
    public void Add(IPodLogSource source) => _sources.Add(source);

    public async Task<string?> ReadAsync(string node, PodLogQuery query, CancellationToken cancellationToken)
    {
        foreach (var source in _sources.Snapshot())
        {
            if (await source.ReadAsync(node, query, cancellationToken).ConfigureAwait(false) is { } text) return text;
        }
        return null;
    }

    public async IAsyncEnumerable<string> FollowAsync(string node, PodLogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in _sources.Snapshot())
        {
            // A source that serves the node always sends a first piece; one that does not sends nothing.
            var served = false;
            await foreach (var piece in source.FollowAsync(node, query, cancellationToken).ConfigureAwait(false))
            {
                served = true;
                yield return piece;
            }
            if (served) yield break;
        }
    }
}
