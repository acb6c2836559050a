using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Base of test classes that drive an in-process API server (one per test) with the real kubectl.</summary>
public abstract class InProcessKubectlTests(ITestOutputHelper output) : IAsyncLifetime
{
    protected ApiServerFixture Api { get; private set; } = null!;

    KubectlRunner _kubectl = null!;

    public async ValueTask InitializeAsync()
    {
        Api = await ApiServerFixture.StartAsync();
        _kubectl = new KubectlRunner(Api, output);
    }

    public async ValueTask DisposeAsync()
    {
        _kubectl.Dispose();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task<ProcessRunner.Result> Kubectl(params string[] args) => _kubectl.RunAsync(args);
}
