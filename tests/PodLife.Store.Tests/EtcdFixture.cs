using PodLife.Testing;

namespace PodLife.Store.Tests;

/// <summary>A one-member etcd shared by the tests of one class.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    EtcdCluster? _cluster;

    public EtcdCluster Cluster => _cluster ?? throw new InvalidOperationException("etcd not started");

    public async ValueTask InitializeAsync() => _cluster = await EtcdCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
