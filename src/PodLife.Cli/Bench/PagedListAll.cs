using System.Diagnostics;
using PodLife.ApiServer.Hosting;

namespace PodLife.Cli.Bench;

/// <summary>
/// How long `kubectl get pods -A` takes to answer: the real kubectl when it is installed (it asks for a Table in
/// pages of 500 and prints every row), else the same requests made here.
/// </summary>
static class PagedListAll
{
    const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    public static async Task<TimeSpan> TimeAsync(ApiServerHost host, string dataDir, CancellationToken ct)
    {
        var kubeconfig = Path.Combine(dataDir, "bench-kubeconfig");
        Kubeconfig.Write(kubeconfig, host.AdminKubeconfig());
        return KubectlPath() is { } kubectl
            ? await TimeKubectlAsync(kubectl, kubeconfig, ct)
            : await TimeRequestsAsync(host, ct);
    }

    /// <summary>kubectl on PATH, or null when it is not installed.</summary>
    internal static string? KubectlPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists);

    static async Task<TimeSpan> TimeKubectlAsync(string kubectl, string kubeconfig, CancellationToken ct)
    {
        // A first run fills kubectl's discovery cache, as it would be on a user's machine.
        await RunAsync(kubectl, kubeconfig, ["get", "namespaces"], ct);
        var clock = Stopwatch.StartNew();
        await RunAsync(kubectl, kubeconfig, ["get", "pods", "-A"], ct);
        return clock.Elapsed;
    }

    static async Task RunAsync(string kubectl, string kubeconfig, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["KUBECONFIG"] = kubeconfig;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start kubectl");
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, ct); // rows are read and dropped
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {await stderr}");
    }

    static async Task<TimeSpan> TimeRequestsAsync(ApiServerHost host, CancellationToken ct)
    {
        using var http = host.CreateHttpClient(host.AdminToken);
        var clock = Stopwatch.StartNew();
        string? next = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pods?limit=500{(next is null ? "" : $"&continue={Uri.EscapeDataString(next)}")}");
            request.Headers.TryAddWithoutValidation("Accept", TableAccept);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            var page = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
            next = page?["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));
        return clock.Elapsed;
    }
}
