using System.Diagnostics;
using k8s;
using PodLife.ApiServer.Hosting;
using PodLife.Bench.Reporting;

namespace PodLife.Cli.Bench;

/// <summary>
/// `podlife bench startup`: starts this very binary as `podlife up --port 0` on a fresh data directory (so the CA and
/// the database are created, as on a user's first run) and times process start to the first successful
/// `kubectl get pods` (the real kubectl when installed, else the same GET); then, with one idle simulated node, the
/// resident memory of that process. The median of a few runs, each on its own fresh directory.
/// </summary>
public static class StartupBenchmark
{
    public sealed record Result(TimeSpan Ready, TimeSpan FirstKubectl, TimeSpan CpuAtFirstKubectl, long IdleRssBytes, int Runs);

    // Targets (issue #10): first kubectl answer under 1 s; idle RSS of `podlife up` with one node under 100 MB.
    public static IReadOnlyList<Figure> Figures(Result r) =>
    [
        new("startup", $"process start -> /readyz (median of {r.Runs})", r.Ready.TotalMilliseconds, "ms"),
        new("startup", $"process start -> first kubectl get pods (median of {r.Runs})", r.FirstKubectl.TotalMilliseconds, "ms", Target.AtMost(1_000)),
        new("startup", $"CPU time of podlife up until the first kubectl answer (median of {r.Runs})", r.CpuAtFirstKubectl.TotalMilliseconds, "ms"),
        new("startup", "idle RSS, 1 node, after 5 s", r.IdleRssBytes / (1000.0 * 1000), "MB", Target.AtMost(100)),
    ];

    public static async Task<Result> RunAsync(int runs, TextWriter log, CancellationToken ct)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "podlife.exe" : "podlife");
        if (!File.Exists(binary)) throw new InvalidOperationException($"cannot find the podlife binary next to this one ({binary})");
        var samples = new List<(TimeSpan Ready, TimeSpan Kubectl, TimeSpan Cpu, long Rss)>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await OneRunAsync(binary, measureRss: i == runs - 1, ct));
            await log.WriteLineAsync($"startup run {i + 1}: /readyz after {samples[^1].Ready.TotalMilliseconds:F0} ms, kubectl get pods after {samples[^1].Kubectl.TotalMilliseconds:F0} ms (server CPU {samples[^1].Cpu.TotalMilliseconds:F0} ms)");
        }
        TimeSpan Median(Func<(TimeSpan Ready, TimeSpan Kubectl, TimeSpan Cpu, long Rss), TimeSpan> of) => samples.Select(of).Order().ElementAt(samples.Count / 2);
        return new Result(Median(s => s.Ready), Median(s => s.Kubectl), Median(s => s.Cpu), samples[^1].Rss, runs);
    }

    static async Task<(TimeSpan Ready, TimeSpan Kubectl, TimeSpan Cpu, long Rss)> OneRunAsync(string binary, bool measureRss, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("podlife-startup-").FullName;
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "up", "--data-dir", dir, "--port", "0", "--nodes", "1" }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start podlife up");
        var drain = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct), process.StandardError.BaseStream.CopyToAsync(Stream.Null, ct));
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            await PollAsync(() => Task.FromResult(File.Exists(kubeconfig)), process, ct);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(kubeconfig));
            using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
            { BaseAddress = new Uri(config.Host) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", config.AccessToken);
            await PollAsync(async () => (await http.GetAsync("/readyz", ct)).IsSuccessStatusCode, process, ct);
            var ready = clock.Elapsed;
            await PollAsync(() => KubectlGetPodsAsync(kubeconfig, config, ct), process, ct);
            var kubectl = clock.Elapsed;
            // The server's CPU time says what start-up costs on any machine; the wall clock also says how busy it is.
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            long rss = 0;
            if (measureRss)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                rss = Machine.ProcStatusBytes(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "VmRSS") ?? 0;
            }
            return (ready, kubectl, cpu, rss);
        }
        finally
        {
            Terminate(process);
            await process.WaitForExitAsync(CancellationToken.None);
            await drain;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    static async Task PollAsync(Func<Task<bool>> done, Process process, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"podlife up exited with code {process.ExitCode} during start-up");
            try { if (await done()) return; }
            catch (HttpRequestException) { } // not listening yet
            if (deadline.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("podlife up did not become ready within a minute");
            await Task.Delay(5, ct);
        }
    }

    static async Task<bool> KubectlGetPodsAsync(string kubeconfig, KubernetesClientConfiguration config, CancellationToken ct)
    {
        if (PagedListAll.KubectlPath() is not { } kubectl)
        {
            using var client = new Kubernetes(config);
            await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
            return true;
        }
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "get", "pods" }) start.ArgumentList.Add(a);
        start.Environment["KUBECONFIG"] = kubeconfig;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start kubectl");
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct), process.WaitForExitAsync(ct));
        return process.ExitCode == 0;
    }

    // SIGTERM, as a user's Ctrl-C would; SIGKILL only if it does not stop.
    static void Terminate(Process process)
    {
        if (process.HasExited) return;
        if (!OperatingSystem.IsWindows())
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            kill?.WaitForExit();
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
    }
}
