using PodLife.Store.Etcd;
using PodLife.Store.Watching;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The contract against the watch cache in front of etcd, as the server runs it: the writes of one etcd transaction share
/// a revision, which the cache's ring must hand to its watchers together.
/// </summary>
public sealed class CachedEtcdStoreConformanceTests : EtcdStoreConformanceTests
{
    protected override IStore Around(EtcdStore etcd) => new WatchCacheStore(etcd);
}
