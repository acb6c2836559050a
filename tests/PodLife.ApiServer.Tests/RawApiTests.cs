using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Base of test classes that send plain HTTP requests (<see cref="Raw"/>) to an in-process API server, one per test.</summary>
public abstract class RawApiTests : IAsyncLifetime
{
    protected ApiServerFixture Api { get; private set; } = null!;

    /// <summary>A client with the admin's token.</summary>
    protected HttpClient Http { get; private set; } = null!;

    /// <summary>Starts the server (another bookmark interval, say, when overridden).</summary>
    protected virtual Task<ApiServerFixture> StartAsync() => ApiServerFixture.StartAsync();

    /// <summary>Objects every test of the class starts with.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Api = await StartAsync();
        Http = Api.Http;
        await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
