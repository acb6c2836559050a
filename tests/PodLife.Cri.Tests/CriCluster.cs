using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>
/// One `podlife up --runtime cri` (the published binary on the assembly's containerd) shared by the tests of a class,
/// started by the first test that asks and only returned once its node has registered and is Ready.
/// </summary>
public sealed class CriCluster : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    PodlifeServerProcess? _cluster;

    public async Task<PodlifeServerProcess> GetAsync(ContainerdFixture fixture, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_cluster is not null) return _cluster;
            var cluster = await PodlifeServerProcess.StartAsync(["up", "--runtime", "cri", "--containerd-socket", fixture.Containerd.Socket], ct);
            // `up` prints the kubeconfig line before its node has registered: a plain `kubectl wait node/…` can fail on a node
            // that does not exist yet (that made the first kubectl test flaky).
            if (await cluster.WaitForNodesReadyAsync("podlife-node-1") is { } failed)
            {
                await cluster.DisposeAsync();
                throw new InvalidOperationException($"the cri node never became Ready: {failed.StdErr}");
            }
            return _cluster = cluster;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await UntilSandboxesRemovedAsync(Path.Combine(_cluster.DataDir, "cri", "pods"));
            await _cluster.DisposeAsync();
        }
        _gate.Dispose();
    }

    /// <summary>
    /// Waits (up to 30 s) until the node's pod log directory is empty: the node removes a deleted pod's sandbox just after
    /// the API object is gone (as kubelet does), and with it the pod's log directory; stopping the node before that would
    /// leave the sandbox behind.
    /// </summary>
    internal static async Task UntilSandboxesRemovedAsync(string logs)
    {
        for (var i = 0; i < 300 && Directory.Exists(logs) && Directory.EnumerateDirectories(logs).Any(); i++) await Task.Delay(100);
    }
}

/// <summary>The test classes that drive the one shared <see cref="CriCluster"/> with kubectl (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class CriClusterCollection : ICollectionFixture<CriCluster>
{
    public const string Name = "podlife up --runtime cri";
}

/// <summary>kubectl waits that fail the test with what the pod looked like.</summary>
static class KubectlWaits
{
    /// <summary>`kubectl wait CONDITION TARGET --timeout=60s`, failing with the object's YAML.</summary>
    public static async Task WaitForAsync(this PodlifeServerProcess cluster, string condition, string target)
    {
        var result = await cluster.KubectlAsync("wait", condition, target, "--timeout=60s");
        Assert.True(result.ExitCode == 0, $"{target} {condition}: {result.StdErr} {(await cluster.KubectlAsync("get", target, "-o", "yaml")).StdOut}");
    }
}
