using PodLife.Node.Cri;
using PodLife.Node.Cri.Setup;

namespace PodLife.Cli;

/// <summary>
/// <c>--runtime simulated|cri</c> and <c>--containerd-socket PATH</c>, and getting a real node's containerd ready:
/// the one at the socket, or one PodLife starts under DATA_DIR/cri with its local registry.
/// </summary>
public sealed record CriFlags(bool Enabled, string? Socket)
{
    public const string Usage = """
          --runtime R           simulated (default) or cri: one node running real containers through containerd
          --containerd-socket P with --runtime cri: use the containerd listening on P instead of starting one
        """;

    /// <summary>Takes the runtime flags out of <paramref name="args"/>; null with <paramref name="error"/> on bad input.</summary>
    public static CriFlags? Take(string[] args, out string[] rest, out string error)
    {
        var (runtime, socket, others) = ("simulated", (string?)null, new List<string>());
        error = "";
        rest = [];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runtime":
                    if (value is not ("simulated" or "cri")) { error = "--runtime needs simulated or cri"; return null; }
                    runtime = value;
                    i++;
                    break;
                case "--containerd-socket":
                    if (string.IsNullOrEmpty(value)) { error = "--containerd-socket needs the path of containerd's socket"; return null; }
                    socket = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    others.Add(args[i]);
                    break;
            }
        }
        if (socket is not null && runtime != "cri") { error = "--containerd-socket needs --runtime cri"; return null; }
        rest = [.. others];
        return new CriFlags(runtime == "cri", socket);
    }

    /// <summary>One line naming what the node lacks (not root, no cgroups, containerd absent, socket unreachable), or null.</summary>
    public async Task<string?> MissingAsync(CancellationToken ct)
    {
        if (CriPrerequisites.Missing(Socket) is { } missing) return missing;
        if (Socket is null) return null;
        using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = Socket });
        try
        {
            await runtime.VersionAsync(ct);
            return null;
        }
        catch (PodLife.Node.Runtime.ContainerRuntimeException e)
        {
            return $"containerd at {Socket} is unreachable: {e.Description}";
        }
    }

    /// <summary>The node's options; starts PodLife's own containerd under <paramref name="dataDir"/>/cri when no socket was given.</summary>
    public async Task<(CriNodeOptions Options, ManagedContainerd? Started)> PrepareAsync(string dataDir, CancellationToken ct, string subdirectory = "cri")
    {
        var dir = Path.Combine(dataDir, subdirectory);
        var started = Socket is null ? await ManagedContainerd.StartAsync(dir, ct) : null;
        var options = new CriNodeOptions
        {
            Socket = Socket ?? started!.Socket, PodLogDirectory = Path.Combine(dir, "pods"), KubeletDirectory = started?.KubeletDirectory ?? Path.Combine(dir, "kubelet"),
        };
        return (options, started);
    }
}
