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
          --history-retention D how long a deleted pod's lifecycle history is kept (default 24h)
          --no-history          record no lifecycle history and serve no podtimelines (like plain Kubernetes)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (ServerFlags.Parse(args, "server", out var error) is not { } flags)
        {
            await stderr.WriteLineAsync($"podlife server: {error}");
            return CommandLine.UsageError;
        }
        return await ServerFlags.RunServerAsync(flags, store: null, stdout, stderr, "server",
            (host, token) => host.WaitForShutdownAsync(token), ct);
    }
}
