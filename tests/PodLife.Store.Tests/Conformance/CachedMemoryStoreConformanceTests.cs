using PodLife.Store.Memory;
using PodLife.Store.Watching;

namespace PodLife.Store.Tests.Conformance;

/// <summary>The contract against the watch cache in front of the memory store.</summary>
public sealed class CachedMemoryStoreConformanceTests : StoreConformanceTests
{
    protected override Task<IStore> OpenAsync() => Task.FromResult<IStore>(new WatchCacheStore(new MemoryStore()));
}
