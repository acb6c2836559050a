using System.Globalization;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Hosting;
using PodLife.Controllers.NodeLifecycle;
using PodLife.Controllers.Service;
using PodLife.Core.Client;
using PodLife.Node.Agent;
using PodLife.Node.Cri;
using PodLife.Node.Cri.Setup;
using PodLife.Scheduler.Service;
using PodLife.Store;

namespace PodLife.Cli;

/// <summary>
/// `podlife up`: the whole cluster in one process: SQLite store, API server, scheduler, controllers and
/// simulated nodes. The components talk to each other through the Kubernetes API, as separate processes would.
/// </summary>
public static class UpCommand
{
    public const string Usage = """
        usage: podlife up [--data-dir DIR] [--port N] [--address IP] [--merge-kubeconfig] [--nodes N] [--speed X]
                          [--history-retention D] [--no-history] [--node-monitor-grace-period D]
                          [--runtime simulated|cri] [--containerd-socket PATH]

          --data-dir DIR        state directory (default ~/.podlife): podlife.db, pki/, tokens.csv, kubeconfig
          --port N              HTTPS port (default 6443; 0 picks a free port)
          --address IP          listen address (default 127.0.0.1)
          --merge-kubeconfig    also add the "podlife" context to ~/.kube/config and make it current
          --history-retention D how long a deleted pod's lifecycle history is kept (default 24h)
          --no-history          record no lifecycle history and serve no podtimelines (like plain Kubernetes)
          --nodes N             simulated nodes to start (default 1)
          --speed X             simulated clock rate of the nodes (default 1 = real time)
          --node-monitor-grace-period D
                                how long a node may stay silent before its conditions turn Unknown (default 50s)
        """ + "\n" + CriFlags.Usage; // a raw string ends without its last line break

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (CriFlags.Take(args, out var nodeArgs, out var error) is not { } cri
            || !TryTakeNodeFlags(nodeArgs, out var nodes, out var speed, out var grace, out var serverArgs, out error)
            || ServerFlags.Parse(serverArgs, "up", out error) is not { } flags)
        {
            await stderr.WriteLineAsync($"podlife up: {error}");
            return CommandLine.UsageError;
        }
        if (cri.Enabled && await cri.MissingAsync(ct) is { } missing)
        {
            await stderr.WriteLineAsync($"podlife up: {missing}");
            return CommandLine.UsageError;
        }
        (CriNodeOptions Options, ManagedContainerd? Started)? real = null;
        try
        {
            if (cri.Enabled) real = await cri.PrepareAsync(flags.DataDir, ct);
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"podlife up: {e.Message}");
            return CommandLine.Failure;
        }
        await using var containerd = real?.Started;

        IStore store;
        try
        {
            store = await StoreFactory.OpenAsync(new StoreOptions { Backend = StoreBackend.Sqlite, DataDir = flags.DataDir }, ct);
        }
        catch (StoreException e)
        {
            await stderr.WriteLineAsync($"podlife up: {e.Message}");
            return CommandLine.Failure;
        }
        await using (store)
        {
            return await ServerFlags.RunServerAsync(flags, store, stdout, stderr, "up", async (host, token) =>
            {
                await Task.Delay(ComponentsHeadStart, token);
                using var cluster = BuildComponents(host, nodes, speed, real?.Options, grace);
                await cluster.StartAsync(token);
                host.LogSources.Add(new NodeLogSource(cluster.Services.GetRequiredService<PodLife.Node.Logs.INodeLogs>()));
                host.ExecTargets.Add(new NodeExecTarget(cluster.Services.GetRequiredService<PodLife.Node.Exec.INodeExec>()));
                // Stop the API clients before the server: their open watches would hold its graceful shutdown.
                try { await Task.Delay(Timeout.Infinite, token); }
                catch (OperationCanceledException) { }
                finally { await cluster.StopAsync(CancellationToken.None); }
            }, ct, InProcessNodeNames(nodes));
        }
    }

    // The API server gets a head start before the scheduler, controllers and nodes start: their start-up (informers
    // listing and watching, node registration, each code path's first run) costs about 0.6 s of CPU, which on a small
    // machine the first kubectl request would otherwise share. The node registers a moment after the API answers, as on
    // a real cluster where the kubelet registers once it reaches the apiserver.
    static readonly TimeSpan ComponentsHeadStart = TimeSpan.FromMilliseconds(500);

    // Scheduler, controllers and nodes are API clients with the admin credentials of the kubeconfig. They reach the API
    // server in memory (same request pipeline, token checked as over HTTPS), which spares TLS and HTTP/2 on both sides.
    // The components' client: the same configuration as ApiServerHost.CreateInProcessAdminClient (admin credentials,
    // no per-request timeout, in memory), as a client that sends the components' writes as UTF-8 bytes (Utf8BodyKubernetes).
    static Utf8BodyKubernetes InProcessComponentsClient(ApiServerHost server)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(server.AdminKubeconfig());
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new(config, server.CreateInProcessHandler());
    }

    internal static IHost BuildComponents(ApiServerHost server, int nodes, double speed, CriNodeOptions? cri = null, TimeSpan? nodeMonitorGracePeriod = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IKubernetes>(InProcessComponentsClient(server));
        builder.Services.AddPodLifeScheduler();
        var lifecycle = new NodeLifecycleOptions();
        builder.Services.AddPodLifeControllers(new ControllersOptions
        {
            NodeLifecycle = lifecycle with { GracePeriod = nodeMonitorGracePeriod ?? lifecycle.GracePeriod },
            RootCaPem = server.Certificates.CaCertificatePem,
            Endpoints = true,
        });
        if (cri is not null) builder.Services.AddPodLifeCriNode(cri);
        else builder.Services.AddPodLifeNodes(new SimulatedNodesOptions { Count = nodes, Speed = speed });
        return builder.Build();
    }

    static HashSet<string> InProcessNodeNames(int nodes) =>
        [.. Enumerable.Range(1, nodes).Select(new SimulatedNodesOptions().NodeName)];

    static bool TryTakeNodeFlags(string[] args, out int nodes, out double speed, out TimeSpan? grace, out string[] rest, out string error)
    {
        nodes = 1; speed = 1; grace = null; error = "";
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--nodes":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out nodes) || nodes < 0)
                    { error = "--nodes needs a number of nodes (0 or more)"; rest = []; return false; }
                    i++;
                    break;
                case "--speed":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !(speed > 0) || double.IsInfinity(speed))
                    { error = "--speed needs a positive number"; rest = []; return false; }
                    i++;
                    break;
                case "--node-monitor-grace-period":
                    if (DurationFlag.Parse(value) is not { } g || g <= TimeSpan.Zero)
                    { error = "--node-monitor-grace-period needs a duration such as 50s or 2m"; rest = []; return false; }
                    grace = g;
                    i++;
                    break;
                default:
                    others.Add(args[i]);
                    break;
            }
        }
        rest = [.. others];
        return true;
    }
}
