using System.Text;
using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>
/// A long list reads its keys in one snapshot and their values afterwards, on every core; a compaction in between
/// must not make it answer with rows missing or from another snapshot.
/// </summary>
public sealed class SqliteLongListTests
{
    const string Pods = "/registry/pods/";
    const int Keys = SqliteStore.ValuesInParallelFrom * 3;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AListWhoseRowsACompactionRemovesBeforeTheirValuesAreReadSaysItsSnapshotIsGone()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1_000_000);
        var snapshot = await WriteTwiceAsync(store);
        var compactions = 0;
        store.AfterListKeys = () =>
        {
            compactions++;
            store.CompactAsync(store.CurrentRevisionAsync(Ct).Result, Ct).AsTask().Wait(Ct);
        };

        // The first version of every key is what the snapshot holds, and what the compaction removes.
        var gone = await Assert.ThrowsAsync<CompactedException>(async () => await store.ListAsync(Pods, new ListOptions(Revision: snapshot), Ct));

        Assert.Equal(snapshot, gone.RequestedRevision);
        Assert.Equal(1, compactions);
    }

    [Fact]
    public async Task AListWhoseRowsACompactionLeavesAnswersWithThem()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1_000_000);
        await WriteTwiceAsync(store);
        store.AfterListKeys = () => store.CompactAsync(store.CurrentRevisionAsync(Ct).Result, Ct).AsTask().Wait(Ct);

        var page = await store.ListAsync(Pods, new ListOptions(Limit: Keys - 1), Ct);

        Assert.Equal(Keys - 1, page.Items.Count);
        Assert.All(page.Items, kv => Assert.Equal($"{kv.Key} 2", Encoding.UTF8.GetString(kv.Value)));
        Assert.Equal(1, page.RemainingItemCount);
    }

    // Every key written, then written again; returns the revision between the two rounds.
    static async Task<long> WriteTwiceAsync(SqliteStore store)
    {
        var names = Enumerable.Range(0, Keys).Select(i => $"{Pods}default/p{i:D3}").ToList();
        foreach (var name in names) await store.CreateAsync(name, Encoding.UTF8.GetBytes($"{name} 1"), Ct);
        var between = await store.CurrentRevisionAsync(Ct);
        foreach (var name in names) await store.UpdateAsync(name, Encoding.UTF8.GetBytes($"{name} 2"), 0, Ct);
        return between;
    }
}
