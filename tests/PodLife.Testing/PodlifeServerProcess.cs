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
    readonly bool _ownsDataDir;

    PodlifeServerProcess(Process process, string dataDir, string kubeconfig, bool ownsDataDir = true)
    {
        _process = process;
        DataDir = dataDir;
        KubeconfigPath = kubeconfig;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }
    public string KubeconfigPath { get; }

    /// <summary>The web UI address the server printed after the export line (the admin token in its fragment).</summary>
    public string UiAddress { get; private init; } = "";

    /// <summary>The API server's https:// address, as the written kubeconfig names it.</summary>
    public string ServerUrl => File.ReadAllLines(KubeconfigPath).Select(l => l.Trim())
        .First(l => l.StartsWith("server:", StringComparison.Ordinal))["server:".Length..].Trim();

    /// <summary>The official client configured from the written kubeconfig.</summary>
    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public static Task<PodlifeServerProcess> StartAsync(CancellationToken ct = default) => StartAsync(["server"], ct);

    /// <summary>Starts `podlife VERB [FLAGS]` (server or up) with a temporary data directory and a free port.</summary>
    public static Task<PodlifeServerProcess> StartAsync(string[] verbAndFlags, CancellationToken ct) =>
        StartAsync(verbAndFlags, Directory.CreateTempSubdirectory("podlife-e2e-").FullName, ownsDataDir: true, ct);

    /// <summary>Starts `podlife VERB [FLAGS]` on a data directory the caller keeps (to start again on the same state).</summary>
    public static Task<PodlifeServerProcess> StartInAsync(string dataDir, string[] verbAndFlags, CancellationToken ct) =>
        StartAsync(verbAndFlags, dataDir, ownsDataDir: false, ct);

    /// <summary>
    /// Starts `podlife VERB [FLAGS]` as a terminal would, with Ctrl+C's SIGINT at its default disposition: a job started
    /// in the background (as CI runs the tests) inherits SIGINT ignored, and a process never receives an ignored signal.
    /// </summary>
    public static Task<PodlifeServerProcess> StartAsFromATerminalAsync(string[] verbAndFlags, CancellationToken ct) =>
        StartAsync(verbAndFlags, Directory.CreateTempSubdirectory("podlife-e2e-").FullName, ownsDataDir: true, ct,
            ["python3", "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"]);

    static async Task<PodlifeServerProcess> StartAsync(string[] verbAndFlags, string dataDir, bool ownsDataDir, CancellationToken ct,
        string[]? launcher = null)
    {
        var psi = new ProcessStartInfo(launcher?[0] ?? PodlifeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] prefix = launcher is null ? [] : [.. launcher[1..], PodlifeBinary.Path];
        foreach (var a in prefix.Concat(verbAndFlags).Concat(["--data-dir", dataDir, "--port", "0"]))
            psi.ArgumentList.Add(a);
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
        return new PodlifeServerProcess(process, dataDir, line["export KUBECONFIG=".Length..], ownsDataDir) { UiAddress = ui.Replace("web UI: ", "", StringComparison.Ordinal) };
    }

    public Task<ProcessRunner.Result> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    /// <summary>
    /// Waits until the nodes exist and are Ready (`kubectl wait --for=create`, then the condition: a plain
    /// `kubectl wait` fails at once on a node that has not registered yet). Returns the failing kubectl result, or null.
    /// </summary>
    public async Task<ProcessRunner.Result?> WaitForNodesReadyAsync(params string[] nodes)
    {
        var names = nodes.Select(n => "node/" + n).ToArray();
        foreach (var condition in new[] { "--for=create", "--for=condition=Ready" })
        {
            var r = await KubectlAsync(["wait", condition, .. names, "--timeout=60s"]);
            if (r.ExitCode != 0) return r;
        }
        return null;
    }

    public async Task<ProcessRunner.Result> KubectlWithInputAsync(string? stdin, params string[] args) =>
        KubectlClientNoise.Strip(await ProcessRunner.RunAsync("kubectl", args, Environment(), stdin, TimeSpan.FromSeconds(60)));

    /// <summary>The environment kubectl runs in: only our kubeconfig, no user cache directory.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["KUBECONFIG"] = KubeconfigPath,
        ["HOME"] = DataDir,
        ["KUBECACHEDIR"] = Path.Combine(DataDir, "kubecache"),
    };

    /// <summary>Starts kubectl without waiting (for `get -w` and `wait`); the caller reads and stops it.</summary>
    public Process StartKubectl(params string[] args) => StartKubectlWith(new Dictionary<string, string>(), args);

    /// <summary>Starts kubectl without waiting, with <paramref name="environment"/> added to its environment.</summary>
    public Process StartKubectlWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in Environment().Concat(environment)) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start kubectl");
    }

    /// <summary>
    /// Sends SIGTERM (what Ctrl-C and `kill` do) and waits up to <paramref name="patience"/> for the exit.
    /// Returns the exit code and how long the process took, or null when it was still running (disposing kills it).
    /// </summary>
    public Task<(int ExitCode, TimeSpan Took)?> TerminateAsync(TimeSpan patience) => SignalAsync(patience, "TERM");

    /// <summary>Sends the signals (kill's names: TERM, INT, STOP, CONT, …) in order and waits for the process to exit.</summary>
    public async Task<(int ExitCode, TimeSpan Took)?> SignalAsync(TimeSpan patience, params string[] signals)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var signal in signals)
            if (!_process.HasExited)
                await ProcessRunner.RunAsync("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(patience);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { return null; }
        return (_process.ExitCode, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped as a user stops it, and killed only if that fails: a killed .NET process leaves its debugger pipes and
        // diagnostics socket in /tmp (three files per server started; thousands had piled up on the test machines).
        if (!_process.HasExited && await TerminateAsync(TimeSpan.FromSeconds(10)) is null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownsDataDir)
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
