using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Hosting;
using PodLife.Node.Agent;
using PodLife.Node.Kubelet;
using PodLife.Node.Logs;

namespace PodLife.Cli.Node;

/// <summary>
/// `podlife node --simulate N`: N simulated nodes as a process of their own against any PodLife API server, each with
/// its own node credentials, and one kubelet endpoint (/containerLogs) that all of them report.
/// </summary>
public static class NodeCommand
{
    public const string Usage = """
        usage: podlife node --simulate N --server URL --token-file F [--certificate-authority F] [--name-prefix P]
                            [--speed X] [--address IP] [--kubelet-port N]

          --simulate N               simulated nodes to run in this process
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
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await stdout.WriteLineAsync(Usage);
            return CommandLine.Success;
        }
        if (NodeFlags.Parse(args, out var error) is not { } flags)
            return await FailAsync(stderr, error, CommandLine.UsageError);
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
        KubeletServer kubelet;
        try
        {
            kubelet = await KubeletServer.StartAsync(flags.Address, flags.KubeletPort, logs, tokens.IsAdmin, ct);
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
            var options = new SimulatedNodesOptions
            {
                Count = flags.Count, NamePrefix = flags.NamePrefix, Speed = flags.Speed,
                InternalIp = flags.Address.ToString(), KubeletPort = kubelet.Port,
            };
            try
            {
                await using var nodes = await SimulatedNodes.StartAsync(options, ClientFor, TimeProvider.System, loggers, ct);
                logs.Target = nodes;
                await stdout.WriteLineAsync($"{flags.Count} simulated node(s) {names[0]}..{names[^1]} registered with {flags.Server}; kubelet endpoint https://{flags.Address}:{kubelet.Port}");
                await stdout.FlushAsync(ct);
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { }
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

    static async Task<int> FailAsync(TextWriter stderr, string message, int code)
    {
        await stderr.WriteLineAsync($"podlife node: {message}");
        return code;
    }

    // The kubelet endpoint starts first (nodes report its port when they register); it serves the nodes once they exist.
    sealed class DeferredNodeLogs : INodeLogs
    {
        public INodeLogs? Target { get; set; }

        public Task<string?> ReadAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
            Target?.ReadAsync(request, cancellationToken) ?? Task.FromResult<string?>(null);

        public IAsyncEnumerable<string> FollowAsync(ContainerLogRequest request, CancellationToken cancellationToken = default) =>
            Target?.FollowAsync(request, cancellationToken) ?? AsyncEnumerable.Empty<string>();
    }
}
