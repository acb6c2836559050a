using PodLife.Store.Etcd;
using PodLife.Store.Memory;
using PodLife.Store.Sqlite;
using PodLife.Store.Watching;

namespace PodLife.Store;

/// <summary>Opens the configured store backend, wrapped in the watch cache: what the API server and `podlife up` use.</summary>
public static class StoreFactory
{
    public static async Task<IStore> OpenAsync(StoreOptions options, CancellationToken ct = default)
    {
        if (options.HistoryWindow < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"history window must be at least 1 revision, not {options.HistoryWindow}");
        if (options.HistoryAge < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), $"history age must not be negative, not {options.HistoryAge}");
        var history = new HistoryRetention(options.HistoryWindow, options.HistoryAge);
        IStore store = options.Backend switch
        {
            StoreBackend.Sqlite when string.IsNullOrWhiteSpace(options.DataDir) =>
                throw new ArgumentException("the SQLite store needs a data directory", nameof(options)),
            StoreBackend.Sqlite => await SqliteStore.OpenAsync(options.DataDir, history),
            StoreBackend.Etcd => new EtcdStore(options.EtcdEndpoints, options.EtcdKeyPrefix, history),
            StoreBackend.Memory => new MemoryStore(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), $"unknown store backend {options.Backend}"),
        };
        return options.WatchCache ? new WatchCacheStore(store) : store;
    }
}
