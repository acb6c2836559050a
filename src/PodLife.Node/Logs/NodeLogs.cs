using k8s.Models;
using PodLife.Node.Agent;
using PodLife.Node.Pods;
using PodLife.Node.Runtime;

namespace PodLife.Node.Logs;

/// <summary>Reads logs of the pods a node agent runs from its runtime, per container instance.</summary>
internal sealed class NodeLogs(IContainerRuntime runtime, Func<string, string, PodWorker?> findWorker, NodeClock clock) : INodeLogs
{
    public async Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindInstanceAsync(request, cancellationToken).ConfigureAwait(false) is not { } id) return null;
        var lines = await runtime.ReadLogAsync(id, cancellationToken).ConfigureAwait(false);
        return LogText.Format(Stamped(lines), request, clock.StampNow);
    }

    public async IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindInstanceAsync(request, cancellationToken).ConfigureAwait(false) is not { } id) yield break;
        // What is there now obeys tailLines and sinceSeconds; every line after it is sent as it comes.
        var sofar = await runtime.ReadLogAsync(id, cancellationToken).ConfigureAwait(false);
        yield return LogText.Format(Stamped(sofar), request, clock.StampNow);
        var seen = 0;
        await foreach (var line in runtime.FollowLogAsync(id, cancellationToken).ConfigureAwait(false))
        {
            if (++seen <= sofar.Count) continue;
            yield return LogText.Format(Stamped([line]), request with { TailLines = null, SinceSeconds = null }, clock.StampNow);
        }
    }

    // Lines carry the runtime's (simulated) time; kubectl sees the real time each was written.
    IReadOnlyList<LogLine> Stamped(IReadOnlyList<LogLine> lines) =>
        clock.Speed == 1 ? lines : [.. lines.Select(l => l with { Time = clock.Stamp(l.Time) })];

    // The container instance asked for: the newest one, or with previous the one before it (kubelet keeps one).
    async Task<string?> FindInstanceAsync(ContainerLogRequest request, CancellationToken ct)
    {
        if (findWorker(request.Namespace, request.Pod) is not { } worker) return null;
        var instances = worker.SandboxId is { } sandbox
            ? (await runtime.ListContainersAsync(sandbox, ct).ConfigureAwait(false))
                .Where(c => c.Config.Name == request.Container).OrderByDescending(c => c.Config.Attempt).ToList()
            : [];
        var pod = worker.Pod.Name();
        return instances.ElementAtOrDefault(request.Previous ? 1 : 0)?.Id
            ?? throw new NodeLogsException(request.Previous
                ? $"previous terminated container \"{request.Container}\" in pod \"{pod}\" not found"
                : $"container \"{request.Container}\" in pod \"{pod}\" is waiting to start: ContainerCreating");
    }
}
