using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Hosting;
using PodLife.Node.Agent;
using PodLife.Node.Cri;
using PodLife.Node.Exec;
using PodLife.Node.Kubelet;
using PodLife.Node.Logs;

namespace PodLife.Cli.Node;

/// <summary>
/// `podlife node --simulate N`: N simulated nodes as a process of their own against any PodLife API server, each with
/// its own node credentials, and one kubelet endpoint (/containerLogs, /exec) that all of them report. `podlife node --runtime
/// cri` runs one node on real containers instead.
/// </summary>
public static class NodeCommand
{
    public const string Usage = """
        usage: podlife node --simulate N|--runtime cri --server URL --token-file F [--certificate-authority F] [--name-prefix P]
                            [--speed X] [--address IP] [--kubelet-port N] [--containerd-socket P]

          --simulate N               simulated nodes to run in this process
          --runtime cri              one node (P1) running real containers through containerd (as root); without
                                     --containerd-socket it starts its own under the token file's directory, cri-P1/
          --server URL               the API server (https://HOST:PORT)
          --token-file F             tokens as in the server's DIR/tokens.csv: node NAME uses system:node:NAME's token,
                                     else the admin token; or a file with one token
          --certificate-authority F  the server's CA (default: pki/ca.crt beside the token file)
          --name-prefix P            node names are P1, P2, ... (default podlife-node-)
          --speed X                  simulated clock rate (default 1 = real time)
          --address IP               address of the kubelet endpoint, reported as every node's InternalIP (default 127.0.0.1)
          --kubelet-port N           port of the kubelet endpoint (default 10250; 0 picks a free port)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (CriFlags.Take(args, out var nodeArgs, out var error) is not { } cri || NodeFlags.Parse(nodeArgs, cri.Enabled, out error) is not { } flags)
            return await FailAsync(stderr, error, CommandLine.UsageError);
        if (cri.Enabled && await cri.MissingAsync(ct) is { } lacking)
            return await FailAsync(stderr, lacking, CommandLine.UsageError);
        if (flags.CertificateAuthority is null)
            return await FailAsync(stderr, "--certificate-authority F is required (no pki/ca.crt beside the token file)", CommandLine.UsageError);
        NodeTokens tokens;
        string caPem;
        try
        {
            tokens = NodeTokens.Read(flags.TokenFile);
            caPem = await File.ReadAllTextAsync(flags.CertificateAuthority, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return await FailAsync(stderr, e.Message, CommandLine.UsageError);
        }
        var names = Enumerable.Range(1, flags.Count).Select(i => flags.NamePrefix + i).ToList();
        if (names.FirstOrDefault(n => tokens.For(n) is null) is { } missing)
            return await FailAsync(stderr, $"{flags.TokenFile} has no token for system:node:{missing} and no admin token", CommandLine.UsageError);

        var logs = new DeferredNodeLogs();
        var exec = new DeferredNodeExec();
        KubeletServer kubelet;
        try
        {
            kubelet = await KubeletServer.StartAsync(flags.Address, flags.KubeletPort, logs, exec, tokens.IsAdmin, ct);
        }
        catch (InvalidOperationException e)
        {
            return await FailAsync(stderr, e.Message, CommandLine.Failure);
        }
        await using (kubelet)
        {
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            var clients = new List<Kubernetes>();
            IKubernetes ClientFor(string node)
            {
                var config = Kubeconfig.Build(flags.Server.ToString().TrimEnd('/'), caPem, tokens.For(node)!);
                var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(config));
                clients.Add(client);
                return client;
            }
            try
            {
                await using var nodes = cri.Enabled
                    ? await StartRealNodeAsync(flags, cri, names[0], ClientFor(names[0]), kubelet.Port, loggers, ct)
                    : await StartSimulatedNodesAsync(flags, ClientFor, kubelet.Port, loggers, ct);
                logs.Target = nodes.Logs;
                exec.Target = nodes.Exec;
                await stdout.WriteLineAsync($"{nodes.What} registered with {flags.Server}; kubelet endpoint https://{flags.Address}:{kubelet.Port}");
                await stdout.FlushAsync(ct);
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { }
            }
            catch (InvalidOperationException e) when (cri.Enabled && !ct.IsCancellationRequested)
            {
                return await FailAsync(stderr, e.Message, CommandLine.Failure);
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException)
            {
                var why = e is HttpOperationException h ? $"{(int)h.Response.StatusCode} {h.Response.StatusCode}: {h.Response.Content}" : e.Message;
                return await FailAsync(stderr, $"cannot register nodes with {flags.Server}: {why}", CommandLine.UsageError);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            finally
            {
                foreach (var c in clients) c.Dispose();
            }
        }
        return CommandLine.Success;
    }

    static async Task<RunningNodes> StartSimulatedNodesAsync(NodeFlags flags, Func<string, IKubernetes> clientFor, int kubeletPort,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var options = new SimulatedNodesOptions
        {
            Count = flags.Count, NamePrefix = flags.NamePrefix, Speed = flags.Speed,
            InternalIp = flags.Address.ToString(), KubeletPort = kubeletPort,
        };
        var nodes = await SimulatedNodes.StartAsync(options, clientFor, TimeProvider.System, loggers, ct);
        return new RunningNodes($"{flags.Count} simulated node(s) {options.NodeName(1)}..{options.NodeName(flags.Count)}", nodes, nodes, nodes);
    }

    // The node's containerd: the one at --containerd-socket, or one of its own beside the server's token file.
    static async Task<RunningNodes> StartRealNodeAsync(NodeFlags flags, CriFlags cri, string name, IKubernetes client, int kubeletPort,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (options, started) = await cri.PrepareAsync(Path.GetDirectoryName(flags.TokenFile)!, ct, "cri-" + name);
        try
        {
            var node = await CriNode.StartAsync(options with { NodeName = name, InternalIp = flags.Address.ToString(), KubeletPort = kubeletPort },
                client, TimeProvider.System, loggers, ct);
            return new RunningNodes($"1 cri node {name} ({node.RuntimeVersion})", node, node, node, started);
        }
        catch
        {
            if (started is not null) await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>The nodes this process runs, what the banner says of them, and what else goes with them when they stop.</summary>
    sealed record RunningNodes(string What, INodeLogs Logs, INodeExec Exec, IAsyncDisposable Nodes, IAsyncDisposable? Runtime = null) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Nodes.DisposeAsync();
            if (Runtime is not null) await Runtime.DisposeAsync();
        }
    }

    static async Task<int> FailAsync(TextWriter stderr, string message, int code)
    {
        await stderr.WriteLineAsync($"podlife node: {message}");
        return code;
    }

    // The kubelet endpoint starts first (nodes report its port when they register); it serves the nodes once they exist.
    sealed class DeferredNodeExec : INodeExec
    {
        public INodeExec? Target { get; set; }

        public Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default) =>
            Target?.ExecAsync(request, streams, cancellationToken) ?? Task.FromResult<int?>(null);

        public Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default) =>
            Target?.PortForwardAsync(ns, pod, port, cancellationToken) ?? Task.FromResult<System.IO.Pipelines.IDuplexPipe?>(null);
    }

    sealed class DeferredNodeLogs : INodeLogs
    {
        public INodeLogs? Target { get; set; }

        public Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
            Target?.ReadAsync(request, cancellationToken) ?? Task.FromResult<string?>(null);

        public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
            Target?.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();
    }
}
