using System.Globalization;
using System.Net;
using PodLife.ApiServer.Hosting;

namespace PodLife.Cli;

/// <summary>`podlife server`: runs the API server alone and writes DIR/kubeconfig for kubectl.</summary>
public static class ServerCommand
{
    public const string Usage = """
        usage: podlife server [--data-dir DIR] [--port N] [--address IP] [--merge-kubeconfig]

          --data-dir DIR        state directory (default ~/.podlife): pki/, tokens.csv, kubeconfig
          --port N              HTTPS port (default 6443; 0 picks a free port)
          --address IP          listen address (default 127.0.0.1)
          --merge-kubeconfig    also add the "podlife" context to ~/.kube/config and make it current
        """;

    sealed record Flags(string DataDir, int Port, IPAddress Address, bool Merge);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await stdout.WriteLineAsync(Usage);
            return CommandLine.Success;
        }
        if (Parse(args, out var error) is not { } flags)
        {
            await stderr.WriteLineAsync($"podlife server: {error}");
            return CommandLine.UsageError;
        }

        ApiServerHost host;
        try
        {
            host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = flags.DataDir, Port = flags.Port, Address = flags.Address }, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"podlife server: {e.Message}");
            return CommandLine.Failure;
        }
        await using (host)
        {
            var path = Path.Combine(flags.DataDir, "kubeconfig");
            var config = host.AdminKubeconfig();
            Kubeconfig.Write(path, config);
            if (flags.Merge)
                Kubeconfig.Merge(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"), config);
            await stdout.WriteLineAsync($"export KUBECONFIG={path}");
            await stdout.FlushAsync(ct);
            try { await host.WaitForShutdownAsync(ct); }
            catch (OperationCanceledException) { }
        }
        return CommandLine.Success;
    }

    static Flags? Parse(string[] args, out string error)
    {
        var dataDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".podlife");
        var port = 6443;
        var address = IPAddress.Loopback;
        var merge = false;
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
                case "--merge-kubeconfig":
                    merge = true;
                    break;
                default:
                    error = $"unknown flag \"{args[i]}\" (see podlife server --help)";
                    return null;
            }
        }
        return new Flags(dataDir, port, address, merge);
    }
}
