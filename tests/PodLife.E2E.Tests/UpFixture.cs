using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>One `podlife up` cluster shared by a test class, its node ready; each test uses its own pods.</summary>
public sealed class UpFixture : IAsyncLifetime
{
    public PodlifeServerProcess Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PodlifeServerProcess.StartAsync(["up"], TestContext.Current.CancellationToken);
        Assert.Null(await Cluster.WaitForNodesReadyAsync("podlife-node-1")); // the node registers just after start-up
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
