using PodLife.Store.Etcd;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The contract against a real etcd (started for this class). Each test writes under its own key prefix;
/// the tests of one class run one after another, so compaction by one cannot disturb another.
/// </summary>
public sealed class EtcdStoreConformanceTests(EtcdFixture etcd) : StoreConformanceTests, IClassFixture<EtcdFixture>
{
    protected override Task<IStore> OpenAsync() =>
        Task.FromResult<IStore>(new EtcdStore(etcd.Cluster.Endpoints, $"/test-{Guid.NewGuid():N}"));

    // etcd spends ~1 ms of CPU per write; on the shared 2-core CI machine 100,000 would take minutes.
    protected override int WatchLoadUpdates => 10_000;
}
