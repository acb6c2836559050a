using PodLife.Store.Etcd;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The contract against a real etcd. Each test gets an etcd of its own: compaction in etcd is global, not per
/// key prefix, so a compaction test sharing a member with the others would make "watch from revision 0"
/// fail with a compacted error, depending on the order the tests happen to run in.
/// </summary>
public class EtcdStoreConformanceTests : StoreConformanceTests
{
    EtcdCluster? _etcd;

    protected override async Task<IStore> OpenAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        return Around(new EtcdStore(_etcd.Endpoints, "/test"));
    }

    /// <summary>What the tests talk to: etcd itself here, a layer in front of it in a subclass.</summary>
    protected virtual IStore Around(EtcdStore etcd) => etcd;

    protected override async ValueTask CloseAsync()
    {
        if (_etcd is not null) await _etcd.DisposeAsync();
    }
}
