using k8s;
using Microsoft.Extensions.Logging;
using PodLife.Node.Exec;
using PodLife.Node.Logs;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Agent;

/// <summary>
/// N simulated nodes in one process, all on one <see cref="NodeClock"/>: node i gets InternalIP 172.18.x.y, pod CIDR 10.(244+)…/24 and
/// its own simulated runtime. Their logs are reachable through <see cref="Logs"/>.
/// </summary>
public sealed class SimulatedNodes : IAsyncDisposable, INodeLogs, INodeExec
{
    const int StartConcurrency = 32;

    readonly List<(NodeAgent Agent, SimulatedRuntime Runtime)> _nodes = [];
    readonly NodePodFeed _pods = NodePodFeed.Shared();
    readonly NodeSpecFeed _nodeSpecs = NodeSpecFeed.Shared();
    readonly ClusterServices _services = new();
    readonly CancellationTokenSource _stop = new();
    Task _feed = Task.CompletedTask;
    Task _specFeed = Task.CompletedTask;
    Task _serviceFeed = Task.CompletedTask;

    SimulatedNodes()
    {
    }

    public IReadOnlyList<NodeAgent> Agents => [.. _nodes.Select(n => n.Agent)];

    /// <summary>Logs of every pod on these nodes (for the API server's pods/log).</summary>
    public INodeLogs Logs => this;

    /// <summary>Starts <see cref="SimulatedNodesOptions.Count"/> node agents against <paramref name="client"/>.</summary>
    public static Task<SimulatedNodes> StartAsync(SimulatedNodesOptions options, IKubernetes client, TimeProvider clock,
        ILoggerFactory? loggers = null, CancellationToken ct = default) =>
        StartAsync(options, _ => client, clock, loggers, ct);

    /// <summary>Starts the node agents, each with the client <paramref name="clientFor"/> gives for its node name (its own credentials).</summary>
    public static async Task<SimulatedNodes> StartAsync(SimulatedNodesOptions options, Func<string, IKubernetes> clientFor, TimeProvider clock,
        ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clientFor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        var time = new NodeClock(clock, options.Speed);
        var nodes = new SimulatedNodes();
        IKubernetes? firstNodeClient = null;
        try
        {
            for (var i = 1; i <= options.Count; i++)
            {
                var name = options.NodeName(i);
                var cidr = PodCidr(i);
                var runtime = new SimulatedRuntime(time.Simulated, new SimulatedRuntimeOptions { PodCidr = cidr, IdSeed = name });
                var client = clientFor(name);
                firstNodeClient ??= client;
                var agent = new NodeAgent(new NodeAgentOptions
                {
                    NodeName = name,
                    InternalIp = options.InternalIp ?? $"172.18.{(i + 1) / 256}.{(i + 1) % 256}",
                    PodCidr = cidr,
                    KubeletPort = options.KubeletPort,
                    PodFeed = nodes._pods,
                    NodeFeed = nodes._nodeSpecs,
                    Services = nodes._services,
                }, client, runtime, runtime, time, loggers?.CreateLogger("PodLife.Node." + name), new Volumes.SimulatedPodVolumes(runtime));
                nodes._nodes.Add((agent, runtime));
            }
            // Their pods reach each other, and the services, through one simulated cluster network.
            var network = new SimulatedPodNetwork(nodes._services, [.. nodes._nodes.Select(n => n.Runtime)]);
            foreach (var (_, runtime) in nodes._nodes) runtime.Cluster = network;
            // Kubelets register on their own, not one after another: thousands of nodes start in seconds, not minutes.
            await Parallel.ForEachAsync(nodes._nodes, new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency, CancellationToken = ct },
                async (node, c) => await node.Agent.StartAsync(c).ConfigureAwait(false)).ConfigureAwait(false);
            // Every node registered and listening: one list and watch of all pods, one of all nodes (for cordons) and one
            // of services and endpoints serve them all, through the first node's client (a node may read them all).
            if (firstNodeClient is { } feedClient)
            {
                var logger = loggers?.CreateLogger("PodLife.Node") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                nodes._serviceFeed = Task.Run(() => nodes._services.RunAsync(feedClient, logger, nodes._stop.Token), CancellationToken.None);
                nodes._feed = Task.Run(() => nodes._pods.RunAsync(feedClient, logger, nodes._stop.Token), CancellationToken.None);
                nodes._specFeed = Task.Run(() => nodes._nodeSpecs.RunAsync(feedClient, logger, nodes._stop.Token), CancellationToken.None);
            }
        }
        catch
        {
            await nodes.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return nodes;
    }

    /// <summary>
    /// Node i's pod CIDR: consecutive /24s from 10.244.1.0 (kubeadm's and kind's 10.244.0.0/16 for the first 255 nodes),
    /// going on through 10.255.255.0 and wrapping to 10.0.0.0 after it, so up to 65,535 nodes get distinct ranges.
    /// </summary>
    public static string PodCidr(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(i, 65_535);
        var block = 244 * 256 + i;
        return $"10.{block / 256 % 256}.{block % 256}.0/24";
    }

    /// <inheritdoc/>
    public async Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var (agent, _) in _nodes)
        {
            if (await agent.Logs.ReadAsync(request, cancellationToken).ConfigureAwait(false) is { } text) return text;
        }
        return null;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = _nodes.Select(n => n.Agent).FirstOrDefault(a => a.Runs(request.Namespace, request.Pod));
        return agent?.Logs.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();
    }

    /// <inheritdoc/>
    public async Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = _nodes.Select(n => n.Agent).FirstOrDefault(a => a.Runs(request.Namespace, request.Pod));
        return agent is null ? null : await agent.Exec.ExecAsync(request, streams, cancellationToken).ConfigureAwait(false);
    }

    public async Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default)
    {
        var agent = _nodes.Select(n => n.Agent).FirstOrDefault(a => a.Runs(ns, pod));
        return agent is null ? null : await agent.Exec.PortForwardAsync(ns, pod, port, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _feed.ConfigureAwait(false);
        await _specFeed.ConfigureAwait(false);
        await _serviceFeed.ConfigureAwait(false);
        _stop.Dispose();
        // All at once: one after another, thousands of nodes took many minutes to stop (each may wait for its queued
        // events and pod clean-ups), while the ones not yet stopped kept retrying their watches against a server going away.
        await Task.WhenAll(_nodes.Select(async n =>
        {
            await n.Agent.DisposeAsync().ConfigureAwait(false);
            n.Runtime.Dispose();
        })).ConfigureAwait(false);
        _nodes.Clear();
    }
}
