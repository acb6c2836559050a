using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>The contract against the SQLite store, in a fresh data directory per test.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    readonly TempDirectory _dir = new();

    protected override async Task<IStore> OpenAsync() => await SqliteStore.OpenAsync(_dir.Path, historyWindow: 1000);

    // Not IDisposable: xUnit calls only DisposeAsync on a class that has both, and the directory was left behind.
    protected override ValueTask CloseAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
