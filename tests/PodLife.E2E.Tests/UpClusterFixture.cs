using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>One `podlife up --speed 10` shared by a test class: simulated time runs ten times faster than the wall clock.</summary>
public sealed class UpClusterFixture : IAsyncLifetime
{
    public const double Speed = 10;

    public PodlifeServerProcess Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PodlifeServerProcess.StartAsync(["up", "--speed", "10"], TestContext.Current.CancellationToken);
        if (await Cluster.WaitForNodesReadyAsync("podlife-node-1") is { } failed)
            throw new InvalidOperationException($"the node never got Ready: {failed.StdErr}");
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
