using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>One running `podlife server` shared by a test class; each test works in its own namespace.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public PodlifeServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PodlifeServerProcess.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
