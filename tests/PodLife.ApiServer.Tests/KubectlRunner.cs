using PodLife.ApiServer.Hosting;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>
/// The real kubectl pointed at an in-process API server through an admin kubeconfig in a temporary home. Each run gets
/// a fresh cache directory, so kubectl discovers from the server instead of from its disk cache.
/// </summary>
sealed class KubectlRunner : IDisposable
{
    readonly string _home = Directory.CreateTempSubdirectory("podlife-kubectl-").FullName;
    readonly ITestOutputHelper _output;

    public KubectlRunner(ApiServerFixture api, ITestOutputHelper output)
    {
        _output = output;
        api.Host.WriteAdminKubeconfig(Path.Combine(_home, "kubeconfig"));
    }

    public async Task<ProcessRunner.Result> RunAsync(params string[] args)
    {
        var result = KubectlClientNoise.Strip(await ProcessRunner.RunAsync("kubectl",
            ["--cache-dir", Path.Combine(_home, "cache-" + Guid.NewGuid().ToString("N")), .. args],
            new Dictionary<string, string> { ["HOME"] = _home, ["KUBECONFIG"] = Path.Combine(_home, "kubeconfig") },
            timeout: TimeSpan.FromSeconds(60), ct: TestContext.Current.CancellationToken));
        _output.WriteLine($"$ kubectl {string.Join(' ', args)}\n{result.StdOut}{result.StdErr}");
        return result;
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
