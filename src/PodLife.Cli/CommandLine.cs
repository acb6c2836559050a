using System.Reflection;

namespace PodLife.Cli;

/// <summary>Dispatches `podlife VERB …` to the verb's handler; exit codes as in DESIGN.md.</summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    const string Usage = """
        usage: podlife <command> [flags]

        commands:
          up         start a whole cluster in this process (store, API server, scheduler, nodes)
          server     run the API server alone and write DIR/kubeconfig
          node       run simulated nodes against a server (podlife node --simulate N --server URL --token-file F)
          explain    say in plain words why a pod is where it is (podlife explain POD [-n NS] [-o json])
          timeline   show a pod's recorded life as a waterfall (podlife timeline POD [-n NS] [--watch] [-o json])
          bench      measure PodLife on this machine (bench all|store|scheduler|api|lifecycle|startup|scale)
          version    print the version
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? UsageError : Success;
        }

        try
        {
            return await RunVerbAsync(args, stdout, stderr);
        }
        catch (OperationCanceledException) when (ShutdownSignal.Token.IsCancellationRequested)
        {
            return Success; // Ctrl+C or SIGTERM while a verb was still starting: stopping is what the user asked for
        }
    }

    /// <summary>Each verb's usage, printed to stdout with exit 0 for `podlife VERB ... --help` (or -h).</summary>
    static readonly Dictionary<string, string> VerbUsages = new()
    {
        ["server"] = ServerCommand.Usage,
        ["up"] = UpCommand.Usage,
        ["node"] = Node.NodeCommand.Usage,
        ["explain"] = Explain.ExplainOptions.Usage,
        ["timeline"] = Timeline.TimelineOptions.Usage,
        ["bench"] = BenchCommand.Usage,
    };

    static async Task<int> RunVerbAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Skip(1).Any(a => a is "--help" or "-h") && VerbUsages.TryGetValue(args[0], out var usage))
        {
            await stdout.WriteLineAsync(usage);
            return Success;
        }
        switch (args[0])
        {
            case "version" or "--version":
                await stdout.WriteLineAsync($"podlife {Version}");
                return Success;
            case "server":
                return await ServerCommand.RunAsync(args[1..], stdout, stderr, ShutdownSignal.Token);
            case "up":
                return await UpCommand.RunAsync(args[1..], stdout, stderr, ShutdownSignal.Token);
            case "node":
                return await Node.NodeCommand.RunAsync(args[1..], stdout, stderr, ShutdownSignal.Token);
            case "explain":
                return await Explain.ExplainCommand.RunAsync(args[1..], stdout, stderr, ShutdownSignal.Token);
            case "timeline":
                return await Timeline.TimelineCommand.RunAsync(args[1..], stdout, stderr, ShutdownSignal.Token);
            case "bench":
                return await BenchCommand.RunAsync(args[1..], stdout, stderr);
            default:
                await stderr.WriteLineAsync($"podlife: unknown command \"{args[0]}\" (see podlife --help)");
                return UsageError;
        }
    }

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
