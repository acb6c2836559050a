using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.Node.Exec;
using PodLife.Node.Logs;

namespace PodLife.Node.Cri;

/// <summary>Runs a <see cref="CriNode"/> for the lifetime of the host; its logs serve pods/log.</summary>
public sealed class CriNodeService(CriNodeOptions options, IKubernetes client, ILoggerFactory loggers) : IHostedService, INodeLogs, INodeExec
{
    CriNode? _node;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _node = await CriNode.StartAsync(options, client, TimeProvider.System, loggers, cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node is not null) await _node.DisposeAsync().ConfigureAwait(false);
    }

    public Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        _node?.ReadAsync(request, cancellationToken) ?? Task.FromResult<string?>(null);

    public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        _node?.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();

    public Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default) =>
        _node?.ExecAsync(request, streams, cancellationToken) ?? Task.FromResult<int?>(null);

    public Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default) =>
        _node?.PortForwardAsync(ns, pod, port, cancellationToken) ?? Task.FromResult<System.IO.Pipelines.IDuplexPipe?>(null);
}
