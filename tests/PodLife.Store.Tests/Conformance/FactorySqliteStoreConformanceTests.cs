using PodLife.Testing;

namespace PodLife.Store.Tests.Conformance;

/// <summary>The contract against what the API server gets by default: StoreFactory's SQLite store behind the watch cache.</summary>
public sealed class FactorySqliteStoreConformanceTests : StoreConformanceTests
{
    readonly TempDirectory _dir = new();

    protected override Task<IStore> OpenAsync() =>
        StoreFactory.OpenAsync(new StoreOptions { Backend = StoreBackend.Sqlite, DataDir = _dir.Path, HistoryWindow = 1000, HistoryAge = TimeSpan.Zero });

    // Not IDisposable: xUnit calls only DisposeAsync on a class that has both, and the directory was left behind.
    protected override ValueTask CloseAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
