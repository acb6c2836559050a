using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>
/// The failure users of SQLite-backed clusters report most: a database that only grows and writers that
/// hit "database is locked" while it is cleaned. Here compaction runs by itself under load.
/// </summary>
public sealed class SqliteChurnTests
{
    const int Keys = 1_000, Updates = 1_000_000, ValueSize = 256, Window = 10_000;

    [Fact]
    public async Task AMillionUpdatesOverAThousandKeysKeepTheFilesBoundedWithoutLockingWriters()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: Window);
        var keys = Enumerable.Range(0, Keys).Select(i => $"/registry/pods/churn/k{i:D4}").ToArray();
        var value = new byte[ValueSize];
        foreach (var k in keys) await store.CreateAsync(k, value);

        // One writer loop per key, all at once: every update must succeed (no "database is locked").
        var peak = 0L;
        await Task.WhenAll(keys.Select(async (k, n) =>
        {
            for (var i = 0; i < Updates / Keys; i++)
            {
                await store.UpdateAsync(k, value, 0);
                if (n == 0 && i % 100 == 0) peak = Math.Max(peak, DatabaseBytes(store.Path));
            }
        }));

        var current = await store.CurrentRevisionAsync();
        Assert.Equal(Keys + Updates, current);
        // Compaction ran on its own and kept about the window: older history is gone, the window is there.
        await Assert.ThrowsAsync<CompactedException>(async () => await store.ListAsync("/registry/pods/", new ListOptions(Revision: current - 2 * Window)));
        Assert.Equal(Keys, (await store.ListAsync("/registry/pods/", new ListOptions(Revision: current - Window))).Items.Count);

        var rowBytes = keys[0].Length + ValueSize;
        var bound = 2L * (Keys + Window) * rowBytes;
        var size = Math.Max(peak, DatabaseBytes(store.Path));
        Assert.True(size <= bound, $"database grew to {size:N0} bytes, over 2 x (live data + history window) = {bound:N0}");

        // Once a compaction round finishes, the WAL is checkpointed and truncated.
        await store.CompactAsync(current - Window);
        var wal = new FileInfo(store.Path + "-wal").Length;
        Assert.True(wal <= 1 << 20, $"WAL is {wal:N0} bytes after compaction");
    }

    static long DatabaseBytes(string path) => new FileInfo(path).Length;
}
