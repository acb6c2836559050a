using PodLife.Node.Cri;
using PodLife.Node.Cri.Setup;

[assembly: AssemblyFixture(typeof(PodLife.Cri.Tests.ContainerdFixture))]

namespace PodLife.Cri.Tests;

/// <summary>
/// One real containerd and local registry for the whole test assembly, under a temporary directory; installs the
/// Debian packages first if missing. Disposal fails the run if anything (sandbox, container, veth, mount) leaked.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime
{
    ManagedContainerd? _containerd;
    string _directory = "";

    public ManagedContainerd Containerd => _containerd ?? throw new InvalidOperationException("containerd is not started");

    /// <summary>Where the pod logs of the tests' runtimes go.</summary>
    public string PodLogs => Path.Combine(_directory, "pods");

    /// <summary>kubelet's root directory of the tests' node agents (pod volumes, termination-log files).</summary>
    public string KubeletDirectory => Containerd.KubeletDirectory;

    public CriRuntime NewRuntime() => new(new CriRuntimeOptions { Socket = Containerd.Socket, PodLogDirectory = PodLogs, RelistPeriod = TimeSpan.FromMilliseconds(300) });

    public async ValueTask InitializeAsync()
    {
        await InstallDependenciesAsync();
        _directory = Directory.CreateTempSubdirectory("podlife-cri-").FullName;
        _containerd = await ManagedContainerd.StartAsync(_directory);
    }

    static async Task InstallDependenciesAsync()
    {
        var script = Path.Combine(RepoRoot(), "scripts", "install-test-deps.sh");
        var result = await Testing.ProcessRunner.RunAsync("bash", [script], timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new InvalidOperationException($"install-test-deps.sh failed: {result.StdErr}");
    }

    static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PodLife.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("PodLife.slnx not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_containerd is null) return;
        var leaks = await _containerd.LeaksAsync();
        await _containerd.DisposeAsync();
        var after = await LeftoversAsync(_containerd);
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        if (leaks.Count > 0 || after.Count > 0)
        {
            throw new InvalidOperationException($"the CRI tests leaked: {string.Join("; ", leaks.Concat(after))}");
        }
    }

    static Task<List<string>> LeftoversAsync(ManagedContainerd c)
    {
        var left = new List<string>();
        if (Directory.Exists($"/sys/class/net/{c.Bridge}")) left.Add($"bridge {c.Bridge}");
        left.AddRange(File.ReadLines("/proc/self/mounts").Where(l => l.Contains(c.Directory, StringComparison.Ordinal)).Select(l => "mount " + l));
        // Pod volumes of any node agent the tests ran, `podlife up` processes with data directories of their own included.
        left.AddRange(File.ReadLines("/proc/self/mounts").Where(l => l.Contains("/volumes/kubernetes.io~", StringComparison.Ordinal)).Select(l => "volume mount " + l));
        return Task.FromResult(left);
    }
}
