using PodLife.Testing;

namespace PodLife.ApiServer.Tests.OpenApi;

/// <summary>The real kubectl (v1.32) reading our OpenAPI documents.</summary>
public class OpenApiKubectlTests(ITestOutputHelper output) : IAsyncLifetime
{
    OpenApiTestServer _server = null!;
    readonly string _home = Directory.CreateTempSubdirectory("podlife-kubectl-").FullName;

    public async ValueTask InitializeAsync() => _server = await OpenApiTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    async Task<ProcessRunner.Result> Kubectl(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("kubectl",
            ["--server", _server.Url, "--cache-dir", Path.Combine(_home, "cache"), .. args],
            new Dictionary<string, string> { ["HOME"] = _home, ["KUBECONFIG"] = Path.Combine(_home, "none") },
            timeout: TimeSpan.FromSeconds(60), ct: TestContext.Current.CancellationToken);
        output.WriteLine($"$ kubectl {string.Join(' ', args)}\n{result.StdOut}{result.StdErr}");
        return result;
    }

    [Fact]
    public async Task KubectlExplainPrintsTheContainerFieldsWithTypesAndDescriptions()
    {
        var result = await Kubectl("explain", "pod.spec.containers");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n", result.StdOut);
        Assert.Contains("    List of containers belonging to the pod.", result.StdOut);
        Assert.Contains("    A single application container that you want to run within a pod.", result.StdOut);
        Assert.Contains("\nFIELDS:\n", result.StdOut);
        Assert.Contains("\n  image\t<string>\n    Container image name.", result.StdOut);
        Assert.Contains("\n  name\t<string> -required-\n", result.StdOut);
        Assert.Contains("\n  env\t<[]EnvVar>\n", result.StdOut);
        Assert.Contains("\n  resources\t<ResourceRequirements>\n", result.StdOut);
    }

    [Fact]
    public async Task KubectlExplainShowsQuantityMapsAndIntOrStringByName()
    {
        var limits = await Kubectl("explain", "pod.spec.containers.resources.limits");
        var port = await Kubectl("explain", "pod.spec.containers.livenessProbe.httpGet");

        Assert.Contains("FIELD: limits <map[string]Quantity>", limits.StdOut);
        Assert.Contains("\n  port\t<IntOrString> -required-\n", port.StdOut);
    }

    [Fact]
    public async Task KubectlExplainOfAnUnknownFieldFailsLikeAgainstARealCluster()
    {
        var result = await Kubectl("explain", "pod.spec.nosuchfield");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: field \"nosuchfield\" does not exist", result.StdErr);
    }
}
