using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Node.Exec;
using PodLife.Node.Logs;

namespace PodLife.Node.Agent;

/// <summary>Runs <see cref="SimulatedNodes"/> for the lifetime of the host.</summary>
public sealed class SimulatedNodesService(SimulatedNodesOptions options, IKubernetes client, ILoggerFactory loggers, TimeProvider? clock = null)
    : IHostedService, INodeLogs, INodeExec
{
    SimulatedNodes? _nodes;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _nodes = await SimulatedNodes.StartAsync(options, client, clock ?? TimeProvider.System, loggers, cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_nodes is not null) await _nodes.DisposeAsync().ConfigureAwait(false);
    }

    public Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        _nodes?.ReadAsync(request, cancellationToken) ?? Task.FromResult<string?>(null);

    public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        _nodes?.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();

    public Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default) =>
        _nodes?.ExecAsync(request, streams, cancellationToken) ?? Task.FromResult<int?>(null);

    public Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default) =>
        _nodes?.PortForwardAsync(ns, pod, port, cancellationToken) ?? Task.FromResult<System.IO.Pipelines.IDuplexPipe?>(null);
}
