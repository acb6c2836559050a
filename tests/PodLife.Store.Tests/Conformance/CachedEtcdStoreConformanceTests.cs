using PodLife.Store.Etcd;
using PodLife.Store.Watching;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The contract against the watch cache in front of etcd, as the server runs it: the writes of one etcd transaction share
/// a revision, which the cache's ring must hand to its watchers together.
/// </summary>
public sealed class CachedEtcdStoreConformanceTests : StoreConformanceTests
{
    EtcdCluster? _etcd;

    protected override async Task<IStore> OpenAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        return new WatchCacheStore(new EtcdStore(_etcd.Endpoints, "/test"));
    }

    protected override async ValueTask CloseAsync()
    {
        if (_etcd is not null) await _etcd.DisposeAsync();
    }
}
