using System.Diagnostics;
using k8s;

namespace PodLife.Testing;

/// <summary>
/// The published `podlife server` binary running on a free port with a temporary data directory, as a user starts it;
/// <see cref="KubectlAsync"/> runs the real kubectl against it with KUBECONFIG pointing at the written kubeconfig.
/// </summary>
public sealed class PodlifeServerProcess : IAsyncDisposable
{
    readonly Process _process;

    PodlifeServerProcess(Process process, string dataDir, string kubeconfig)
    {
        _process = process;
        DataDir = dataDir;
        KubeconfigPath = kubeconfig;
    }

    public string DataDir { get; }
    public string KubeconfigPath { get; }

    /// <summary>The web UI address the server printed after the export line (the admin token in its fragment).</summary>
    public string UiAddress { get; private init; } = "";

    /// <summary>The official client configured from the written kubeconfig.</summary>
    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public static Task<PodlifeServerProcess> StartAsync(CancellationToken ct = default) => StartAsync(["server"], ct);

    /// <summary>Starts `podlife VERB [FLAGS]` (server or up) with a temporary data directory and a free port.</summary>
    public static async Task<PodlifeServerProcess> StartAsync(string[] verbAndFlags, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("podlife-e2e-").FullName;
        var psi = new ProcessStartInfo(PodlifeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in verbAndFlags.Concat(["--data-dir", dataDir, "--port", "0"])) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start podlife");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line is null || !line.StartsWith("export KUBECONFIG=", StringComparison.Ordinal))
        {
            var err = await process.StandardError.ReadToEndAsync(ct);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"podlife server did not start: {line} {err}");
        }
        var ui = await process.StandardOutput.ReadLineAsync(cts.Token) ?? "";
        return new PodlifeServerProcess(process, dataDir, line["export KUBECONFIG=".Length..]) { UiAddress = ui.Replace("web UI: ", "", StringComparison.Ordinal) };
    }

    public Task<ProcessRunner.Result> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    public Task<ProcessRunner.Result> KubectlWithInputAsync(string? stdin, params string[] args) =>
        ProcessRunner.RunAsync("kubectl", args, Environment(), stdin, TimeSpan.FromSeconds(60));

    /// <summary>The environment kubectl runs in: only our kubeconfig, no user cache directory.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["KUBECONFIG"] = KubeconfigPath,
        ["HOME"] = DataDir,
        ["KUBECACHEDIR"] = Path.Combine(DataDir, "kubecache"),
    };

    /// <summary>Starts kubectl without waiting (for `get -w` and `wait`); the caller reads and stops it.</summary>
    public Process StartKubectl(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment()) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start kubectl");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
