using System.Globalization;
using System.Net;
using k8s;
using PodLife.ApiServer.Hosting;
using PodLife.Cli.Node;
using PodLife.Store;

namespace PodLife.Cli;

/// <summary>The flags `server` and `up` share, and running the API server with them until shutdown.</summary>
public sealed record ServerFlags(string DataDir, int Port, IPAddress Address, bool Merge)
{
    /// <summary>`--history-retention`: how long a deleted pod's lifecycle history is kept (default 24h).</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>`--no-history`: record no lifecycle history and serve no podtimelines (a cluster like plain Kubernetes).</summary>
    public bool RecordHistory { get; init; } = true;

    public static ServerFlags? Parse(string[] args, string verb, out string error)
    {
        var dataDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".podlife");
        var port = 6443;
        var address = IPAddress.Loopback;
        var merge = false;
        var retention = TimeSpan.FromHours(24);
        var history = true;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--data-dir":
                    if (Value() is not { Length: > 0 } d) { error = "--data-dir needs a directory"; return null; }
                    dataDir = Path.GetFullPath(d);
                    break;
                case "--port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    { error = "--port needs a number from 0 to 65535"; return null; }
                    break;
                case "--address":
                    if (!IPAddress.TryParse(Value() ?? "", out var ip)) { error = "--address needs an IP address"; return null; }
                    address = ip;
                    break;
                case "--history-retention":
                    if (DurationFlag.Parse(Value()) is not { } r) { error = "--history-retention needs a duration such as 24h, 90m or 30s"; return null; }
                    retention = r;
                    break;
                case "--no-history":
                    history = false;
                    break;
                case "--merge-kubeconfig":
                    merge = true;
                    break;
                default:
                    error = $"unknown flag \"{args[i]}\" (see podlife {verb} --help)";
                    return null;
            }
        }
        return new ServerFlags(dataDir, port, address, merge) { HistoryRetention = retention, RecordHistory = history };
    }

    /// <summary>
    /// Starts the API server on <paramref name="store"/> (null: in memory), writes DIR/kubeconfig, prints the
    /// export line and the web UI's address, then runs <paramref name="whileServing"/> until it returns or shutdown is asked for. pods/log and
    /// pods/exec of nodes other than <paramref name="inProcessNodes"/> go to their kubelet endpoints (`podlife node`).
    /// </summary>
    public static async Task<int> RunServerAsync(
        ServerFlags flags, IStore? store, TextWriter stdout, TextWriter stderr, string verb,
        Func<ApiServerHost, CancellationToken, Task> whileServing, CancellationToken ct, IReadOnlySet<string>? inProcessNodes = null)
    {
        ApiServerHost host;
        try
        {
            host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = flags.DataDir, Port = flags.Port, Address = flags.Address, Store = store, HistoryRetention = flags.HistoryRetention, RecordHistory = flags.RecordHistory }, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"podlife {verb}: {e.Message}");
            return CommandLine.Failure;
        }
        await using (host)
        {
            // The kubeconfig comes first: kubectl waits for it, while nothing below is needed before a first request.
            var path = Path.Combine(flags.DataDir, "kubeconfig");
            host.WriteAdminKubeconfig(path);
            if (flags.Merge)
                host.MergeAdminKubeconfig(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"));
            await stdout.WriteLineAsync($"export KUBECONFIG={path}");
            await stdout.WriteLineAsync($"web UI: {UiEndpoints.SignedInAddress(host.Url, host.AdminToken)}");
            await stdout.FlushAsync(ct);
            // Logs and exec of nodes in other processes go through their kubelet endpoints, found with an admin client
            // that is built on first use: building one costs start-up CPU that a cluster of in-process nodes never needs.
            var admin = new Lazy<Kubernetes>(host.CreateInProcessAdminClient);
            bool ServedElsewhere(string node) => inProcessNodes?.Contains(node) == true;
            using var kubelets = new KubeletLogSource(() => admin.Value, host.AdminToken, ServedElsewhere);
            host.LogSources.Add(kubelets);
            host.ExecTargets.Add(new KubeletExecTarget(() => admin.Value, host.AdminToken, ServedElsewhere));
            try { await whileServing(host, ct); }
            catch (OperationCanceledException) { }
            finally { if (admin.IsValueCreated) admin.Value.Dispose(); }
        }
        return CommandLine.Success;
    }
}
