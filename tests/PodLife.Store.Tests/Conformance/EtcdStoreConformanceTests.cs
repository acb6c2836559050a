using PodLife.Store.Etcd;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The contract against a real etcd. Each test gets an etcd of its own: compaction in etcd is global, not per
/// key prefix, so a compaction test sharing a member with the others would make "watch from revision 0"
/// fail with a compacted error, depending on the order the tests happen to run in.
/// </summary>
public sealed class EtcdStoreConformanceTests : StoreConformanceTests
{
    EtcdCluster? _etcd;

    protected override async Task<IStore> OpenAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        return new EtcdStore(_etcd.Endpoints, "/test");
    }

    protected override async ValueTask CloseAsync()
    {
        if (_etcd is not null) await _etcd.DisposeAsync();
    }
}
