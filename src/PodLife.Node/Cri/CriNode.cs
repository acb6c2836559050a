using System.Net.NetworkInformation;
using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Logging;
using PodLife.Node.Agent;
using PodLife.Node.Exec;
using PodLife.Node.Logs;
using PodLife.Node.Volumes;

namespace PodLife.Node.Cri;

/// <summary>
/// One node agent running real containers: connects to containerd and runs the same <see cref="NodeAgent"/> the
/// simulated nodes run, on <see cref="CriRuntime"/>.
/// </summary>
public sealed class CriNode : IAsyncDisposable, INodeLogs, INodeExec
{
    readonly CriRuntime _runtime;
    readonly HostPodNetwork _network = new();

    CriNode(CriRuntime runtime) => _runtime = runtime;

    /// <summary>The agent (null until started).</summary>
    public NodeAgent? Agent { get; private set; }

    /// <summary>The runtime's name and version, e.g. <c>containerd://1.6.20~ds1</c>.</summary>
    public string RuntimeVersion { get; private set; } = "";

    /// <summary>The runtime the agent uses.</summary>
    public CriRuntime Runtime => _runtime;

    /// <summary>Connects to containerd, then registers the node and starts its agent.</summary>
    /// <exception cref="InvalidOperationException">containerd cannot be reached; the message says why.</exception>
    public static async Task<CriNode> StartAsync(CriNodeOptions options, IKubernetes client, TimeProvider clock,
        ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runtime = new CriRuntime(new CriRuntimeOptions { Socket = options.Socket, PodLogDirectory = options.PodLogDirectory });
        var node = new CriNode(runtime);
        try
        {
            string version;
            try
            {
                node.RuntimeVersion = version = await runtime.VersionAsync(ct).ConfigureAwait(false);
            }
            catch (Runtime.ContainerRuntimeException e)
            {
                throw new InvalidOperationException($"cannot reach containerd at {runtime.Socket}: {e.Description}", e);
            }
            node.Agent = new NodeAgent(new NodeAgentOptions
            {
                NodeName = options.NodeName,
                InternalIp = options.InternalIp ?? HostIp(),
                KubeletPort = options.KubeletPort,
                ContainerRuntimeVersion = version,
            }, client, runtime, node._network, clock, loggers?.CreateLogger("PodLife.Node." + options.NodeName),
                new HostVolumes(new KubeletDirectories(options.KubeletDirectory)));
            await node.Agent.StartAsync(ct).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The node's InternalIP: its first non-loopback IPv4 address.
    static string HostIp() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !a.ToString().StartsWith("10.88.", StringComparison.Ordinal))
            ?.ToString() ?? "127.0.0.1";

    /// <inheritdoc/>
    public Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        Agent?.Logs.ReadAsync(request, cancellationToken) ?? Task.FromResult<string?>(null);

    public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
        Agent?.Logs.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();

    /// <inheritdoc/>
    public Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default) =>
        Agent?.Exec.ExecAsync(request, streams, cancellationToken) ?? Task.FromResult<int?>(null);

    /// <inheritdoc/>
    public Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default) =>
        Agent?.Exec.PortForwardAsync(ns, pod, port, cancellationToken) ?? Task.FromResult<System.IO.Pipelines.IDuplexPipe?>(null);

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null) await Agent.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
        _network.Dispose();
    }
}
