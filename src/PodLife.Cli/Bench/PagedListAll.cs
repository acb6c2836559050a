using System.Diagnostics;
using PodLife.ApiServer.Hosting;

namespace PodLife.Cli.Bench;

/// <summary>
/// How long `kubectl get pods -A` takes: the requests it makes (a Table in pages of 500, one after the other) made here,
/// which is the cluster's part; then the real kubectl, which also waits for its own client-side rate limiter (client-go's
/// default of 5 requests/s after a burst of 10, so at least (pages - 10) / 5 s whatever the server: ~38 s for 100,000
/// pods against kube-apiserver too).
/// </summary>
public static class PagedListAll
{
    const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    const int PageSize = 500; // kubectl's --chunk-size default
    const int ClientBurst = 10, ClientQps = 5;

    /// <param name="Requests">Every page, asked for as kubectl asks.</param>
    /// <param name="Kubectl">The real kubectl, rows read and dropped; null when kubectl is not installed.</param>
    public sealed record Times(TimeSpan Requests, int Pages, TimeSpan? Kubectl)
    {
        /// <summary>What kubectl's rate limiter alone makes it wait for that many pages.</summary>
        public TimeSpan KubectlThrottleFloor => TimeSpan.FromSeconds(Math.Max(0, Pages - ClientBurst) / (double)ClientQps);
    }

    public static async Task<Times> TimeAsync(ApiServerHost host, string dataDir, CancellationToken ct)
    {
        var (requests, pages) = await TimeRequestsAsync(host, ct);
        var kubeconfig = Path.Combine(dataDir, "bench-kubeconfig");
        host.WriteAdminKubeconfig(kubeconfig);
        return new(requests, pages, KubectlPath() is { } kubectl ? await TimeKubectlAsync(kubectl, kubeconfig, ct) : null);
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

    static async Task<(TimeSpan, int)> TimeRequestsAsync(ApiServerHost host, CancellationToken ct)
    {
        using var http = host.CreateHttpClient(host.AdminToken);
        var clock = Stopwatch.StartNew();
        var pages = 0;
        string? next = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pods?limit={PageSize}{(next is null ? "" : $"&continue={Uri.EscapeDataString(next)}")}");
            request.Headers.TryAddWithoutValidation("Accept", TableAccept);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            next = ContinueOf(await response.Content.ReadAsByteArrayAsync(ct));
            pages++;
        }
        while (!string.IsNullOrEmpty(next));
        return (clock.Elapsed, pages);
    }

    /// <summary>
    /// metadata.continue of a page, read without building the page's rows: this process is also the cluster, and
    /// the figure is the cluster's part (kubectl decodes its pages in its own process, timed on its own below).
    /// </summary>
    public static string? ContinueOf(ReadOnlySpan<byte> page)
    {
        var reader = new System.Text.Json.Utf8JsonReader(page);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (!isMetadata || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isContinue = reader.ValueTextEquals("continue"u8);
                reader.Read();
                if (isContinue) return reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }
        return null;
    }
}
