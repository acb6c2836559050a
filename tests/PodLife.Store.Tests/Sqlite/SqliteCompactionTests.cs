using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>
/// What a compaction round leaves in the log table, read with SQL: for every key the newest row at or below the target
/// (unless it is a tombstone) and every row above it, nothing else; and a round that a crash cut short is finished by
/// the next one.
/// </summary>
public sealed class SqliteCompactionTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARoundKeepsTheNewestRowOfEachKeyAtTheTargetAndEverythingAfterIt()
    {
        using var dir = new TempDirectory();
        string path;
        long target;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1_000_000))
        {
            path = store.Path;
            await WriteHistoryAsync(store);
            target = await store.CurrentRevisionAsync(Ct);
            await WriteLaterAsync(store);
            await store.CompactAsync(target, Ct);
        }

        Assert.Equal(Expected(target), await RowsAsync(path));
    }

    [Fact]
    public async Task ARoundACrashCutShortIsFinishedByTheNextRound()
    {
        using var dir = new TempDirectory();
        string path;
        long first;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1_000_000))
        {
            path = store.Path;
            await WriteHistoryAsync(store);
            first = await store.CurrentRevisionAsync(Ct);
        }
        // What a crash right after a round's first transaction leaves: the compaction point moved (readers refuse the
        // older history), none of the rows it makes obsolete deleted yet.
        await SqliteFile.ExecuteAsync(path, $"UPDATE meta SET value = {first} WHERE key = 'compacted'");
        Assert.Contains(1L, await RowsAsync(path)); // a's first row: obsolete, still there

        long second;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1_000_000))
        {
            await WriteLaterAsync(store);
            second = await store.CurrentRevisionAsync(Ct);
            await store.CompactAsync(second, Ct);
        }

        Assert.Equal(Expected(second), await RowsAsync(path));
    }

    // Revisions 1-9: a is written three times, b created, deleted and created again, c created then deleted.
    static async Task WriteHistoryAsync(SqliteStore store)
    {
        var a = await store.CreateAsync("/registry/pods/ns/a", "a1"u8.ToArray(), Ct);               // 1
        a = await store.UpdateAsync(a.Key, "a2"u8.ToArray(), a.ModRevision, Ct);                     // 2
        var b = await store.CreateAsync("/registry/pods/ns/b", "b1"u8.ToArray(), Ct);                // 3
        await store.DeleteAsync(b.Key, b.ModRevision, Ct);                                          // 4
        await store.CreateAsync(b.Key, "b2"u8.ToArray(), Ct);                                       // 5
        a = await store.UpdateAsync(a.Key, "a3"u8.ToArray(), a.ModRevision, Ct);                     // 6
        var c = await store.CreateAsync("/registry/pods/ns/c", "c1"u8.ToArray(), Ct);                // 7
        await store.DeleteAsync(c.Key, c.ModRevision, Ct);                                          // 8
        await store.CreateAsync("/registry/pods/ns/d", "d1"u8.ToArray(), Ct);                       // 9
    }

    // Revisions 10-11: a written again, d deleted.
    static async Task WriteLaterAsync(SqliteStore store)
    {
        var a = await store.GetAsync("/registry/pods/ns/a", Ct);
        await store.UpdateAsync(a!.Key, "a4"u8.ToArray(), a.ModRevision, Ct);                      // 10
        var d = await store.GetAsync("/registry/pods/ns/d", Ct);
        await store.DeleteAsync(d!.Key, d.ModRevision, Ct);                                         // 11
    }

    // Compacted at 9: a's newest at 9 is 6, b's is 5 (its tombstone 4 and first row 3 go), c is deleted (7, 8 go), d is 9;
    // 10 and 11 stay. Compacted at 11: a is 10, b 5, d's tombstone 11 and its row 9 go.
    static long[] Expected(long target) => target switch
    {
        9 => [5, 6, 9, 10, 11],
        11 => [5, 10],
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "no expectation for this target"),
    };

    static async Task<long[]> RowsAsync(string path) => [.. await SqliteFile.ColumnAsync<long>(path, "SELECT id FROM kine ORDER BY id")];
}
