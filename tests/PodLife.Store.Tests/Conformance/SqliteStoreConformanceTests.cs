using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>The contract against the SQLite store, in a fresh data directory per test.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    readonly TempDirectory _dir = new();

    protected override async Task<IStore> OpenAsync() => await SqliteStore.OpenAsync(_dir.Path, historyWindow: 1000);

    public void Dispose() => _dir.Dispose();
}
