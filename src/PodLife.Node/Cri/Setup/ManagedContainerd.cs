using PodLife.Node.Runtime;
using PodLife.Node.Volumes;

namespace PodLife.Node.Cri.Setup;

/// <summary>
/// A containerd PodLife starts and owns, with a local registry holding the node's images, everything under one
/// directory. Disposing removes every pod sandbox, stops both daemons and removes the bridge it created.
/// </summary>
public sealed class ManagedContainerd : IAsyncDisposable
{
    readonly LocalRegistry _registry;
    readonly BackgroundProcess _containerd;
    readonly ContainerdConfig _config;
    readonly string? _ipForwardBefore;

    ManagedContainerd(string root, LocalRegistry registry, BackgroundProcess containerd, ContainerdConfig config, string? ipForwardBefore) =>
        (Root, _registry, _containerd, _config, _ipForwardBefore) = (root, registry, containerd, config, ipForwardBefore);

    /// <summary>The directory everything of this node lives under (registry, containerd, kubelet).</summary>
    public string Root { get; }

    /// <summary>kubelet's root directory for the node on this containerd: pod volumes and termination-log files.</summary>
    public string KubeletDirectory => Path.Combine(Root, "kubelet");

    /// <summary>containerd's CRI socket.</summary>
    public string Socket => _config.Socket;

    /// <summary>The local registry's <c>127.0.0.1:PORT</c>.</summary>
    public string Registry => _registry.Address;

    /// <summary>The node bridge's name.</summary>
    public string Bridge => _config.Bridge;

    /// <summary>The directory holding containerd's root, state, socket and logs.</summary>
    public string Directory => _config.Directory;

    /// <summary>Starts the registry (pushing the images if needed), then containerd, and waits until CRI answers.</summary>
    public static async Task<ManagedContainerd> StartAsync(string directory, CancellationToken ct = default)
    {
        var ipForward = File.Exists(IpForward) ? (await File.ReadAllTextAsync(IpForward, ct).ConfigureAwait(false)).Trim() : null;
        var registry = await LocalRegistry.StartAsync(Path.Combine(directory, "registry"), ct).ConfigureAwait(false);
        try
        {
            await LocalImages.EnsureAsync(registry.Address, Path.Combine(directory, "registry"), ct).ConfigureAwait(false);
            var config = new ContainerdConfig(Path.Combine(directory, "containerd"), registry.Address);
            config.Write();
            var process = BackgroundProcess.Start("containerd", ["--config", config.ConfigFile], Path.Combine(config.Directory, "containerd.log"));
            var managed = new ManagedContainerd(directory, registry, process, config, ipForward);
            using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = config.Socket });
            for (var i = 0; i < 150; i++)
            {
                if (process.HasExited) break;
                try
                {
                    await runtime.VersionAsync(ct).ConfigureAwait(false);
                    return managed;
                }
                catch (ContainerRuntimeException)
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }
            }
            await managed.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"containerd did not answer on {config.Socket}: {process.Tail()}");
        }
        catch
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    const string IpForward = "/proc/sys/net/ipv4/ip_forward";

    /// <summary>What PodLife left behind: running sandboxes, veths on its bridge, mounts under its directory (pod volumes too).</summary>
    public async Task<IReadOnlyList<string>> LeaksAsync(CancellationToken ct = default)
    {
        var leaks = new List<string>();
        if (!_containerd.HasExited)
        {
            using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = Socket });
            leaks.AddRange((await runtime.ListPodSandboxesAsync(ct).ConfigureAwait(false)).Select(s => $"sandbox {s.Config.Namespace}/{s.Config.Name} ({s.Id})"));
            leaks.AddRange((await runtime.ListContainersAsync(null, ct).ConfigureAwait(false)).Select(c => $"container {c.Config.Name} ({c.Id})"));
        }
        var ports = $"/sys/class/net/{Bridge}/brif";
        if (System.IO.Directory.Exists(ports)) leaks.AddRange(System.IO.Directory.GetDirectories(ports).Select(p => $"interface {Path.GetFileName(p)} on {Bridge}"));
        leaks.AddRange(HostVolumes.MountPointsUnder(Root).Select(m => $"mount {m}"));
        return leaks;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_containerd.HasExited)
        {
            using var runtime = new CriRuntime(new CriRuntimeOptions { Socket = Socket, PodLogDirectory = Path.Combine(Directory, "pods") });
            foreach (var sandbox in await runtime.ListPodSandboxesAsync().ConfigureAwait(false))
            {
                await runtime.StopPodSandboxAsync(sandbox.Id).ConfigureAwait(false);
                await runtime.RemovePodSandboxAsync(sandbox.Id).ConfigureAwait(false);
            }
        }
        // The pods are gone, so are their volumes (tmpfs mounts would outlive the process otherwise).
        await new HostVolumes(new KubeletDirectories(KubeletDirectory)).TearDownAllAsync().ConfigureAwait(false);
        await _containerd.DisposeAsync().ConfigureAwait(false);
        await _registry.DisposeAsync().ConfigureAwait(false);
        await HostCleanup.RemoveBridgeAsync(Bridge).ConfigureAwait(false);
        if (_ipForwardBefore is not null && File.Exists(IpForward)) await File.WriteAllTextAsync(IpForward, _ipForwardBefore).ConfigureAwait(false);
    }
}
