using PodLife.Bench;

namespace PodLife.Cli;

/// <summary>`podlife bench store [--data-dir DIR] [--operations N] [--etcd-endpoints URL,...]`: prints store figures.</summary>
public static class BenchCommand
{
    const string Usage = "usage: podlife bench store [--data-dir DIR] [--operations N] [--etcd-endpoints http://host:port,...]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "store")
        {
            await stderr.WriteLineAsync(Usage);
            return CommandLine.UsageError;
        }
        var options = new StoreBenchmarkOptions(Path.GetTempPath());
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--data-dir" when value is not null: options = options with { DataDir = value }; i++; break;
                case "--operations" when int.TryParse(value, out var n) && n > 0: options = options with { Operations = n }; i++; break;
                case "--etcd-endpoints" when value is not null:
                    options = options with { EtcdEndpoints = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync($"podlife bench: bad argument \"{args[i]}\"\n{Usage}");
                    return CommandLine.UsageError;
            }
        }
        await StoreBenchmark.RunAsync(options, stdout);
        return CommandLine.Success;
    }
}
