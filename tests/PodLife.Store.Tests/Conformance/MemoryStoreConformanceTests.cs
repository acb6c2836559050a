using PodLife.Store.Memory;

namespace PodLife.Store.Tests.Conformance;

/// <summary>The contract against the in-memory store.</summary>
public sealed class MemoryStoreConformanceTests : StoreConformanceTests
{
    protected override Task<IStore> OpenAsync() => Task.FromResult<IStore>(new MemoryStore());
}
