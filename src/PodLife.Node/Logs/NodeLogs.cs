using System.Text;
using k8s.Models;
using PodLife.Node.Pods;
using PodLife.Node.Runtime;

namespace PodLife.Node.Logs;

/// <summary>Reads logs of the pods a node agent runs from its runtime, per container instance.</summary>
internal sealed class NodeLogs(IContainerRuntime runtime, Func<string, string, PodWorker?> findWorker) : INodeLogs
{
    public async Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (findWorker(request.Namespace, request.Pod) is not { } worker) return null;
        var instances = worker.SandboxId is { } sandbox
            ? (await runtime.ListContainersAsync(sandbox, cancellationToken).ConfigureAwait(false))
                .Where(c => c.Config.Name == request.Container).OrderByDescending(c => c.Config.Attempt).ToList()
            : [];
        var podRef = $"{worker.Pod.Name()}";
        var instance = instances.ElementAtOrDefault(request.Previous ? 1 : 0)
            ?? throw new NodeLogsException(request.Previous
                ? $"previous terminated container \"{request.Container}\" in pod \"{podRef}\" not found"
                : $"container \"{request.Container}\" in pod \"{podRef}\" is waiting to start: ContainerCreating");
        IEnumerable<LogLine> lines = await runtime.ReadLogAsync(instance.Id, cancellationToken).ConfigureAwait(false);
        if (request.SinceSeconds is { } since)
        {
            var from = DateTimeOffset.UtcNow; // replaced below by the newest line's time when present
            var list = lines.ToList();
            from = (list.Count > 0 ? list[^1].Time : from) - TimeSpan.FromSeconds(since);
            lines = list.Where(l => l.Time >= from);
        }
        if (request.TailLines is { } tail) lines = lines.TakeLast((int)Math.Min(tail, int.MaxValue));
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (request.Timestamps) text.Append(line.ToCriFormat().Split(' ')[0]).Append(' ');
            text.Append(line.Text).Append('\n');
        }
        return text.ToString();
    }
}
