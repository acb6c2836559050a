using System.Text;
using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>
/// The value a write replaces (its watch event's previous value), and the value a get reads, come from the writer's
/// memory of recent writes or, for keys it does not remember, from the file: the same bytes and revisions either way.
/// </summary>
public sealed class SqlitePreviousValueTests
{
    const string Prefix = "/registry/pods/default/";

    static byte[] V(string s) => Encoding.UTF8.GetBytes(s);
    static string? S(KeyValue? kv) => kv is null ? null : Encoding.UTF8.GetString(kv.Value);

    static async Task<List<WatchEvent>> Take(IStore store, long after, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<WatchEvent>();
        await foreach (var e in store.WatchAsync(Prefix, after, cts.Token))
        {
            events.Add(e);
            if (events.Count == count) break;
        }
        return events;
    }

    [Fact]
    public async Task WritesOfOneKeyCommittedInOneTransactionEachSeeTheOneBefore()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, 100_000);
        // Submitted without waiting, in this order: the writer takes them into one batch (one SQLite transaction).
        var writes = new[]
        {
            store.CreateAsync(Prefix + "a", V("1")).AsTask(),
            store.UpdateAsync(Prefix + "a", V("2"), 0).AsTask(),
            store.DeleteAsync(Prefix + "a", 0).AsTask(),
            store.CreateAsync(Prefix + "a", V("3")).AsTask(),
            store.UpdateAsync(Prefix + "a", V("4"), 0).AsTask(),
        };
        var results = await Task.WhenAll(writes);

        var events = await Take(store, 0, 5);
        Assert.Equal([null, "1", "2", null, "3"], events.Select(e => S(e.Previous)));
        Assert.Equal([0, results[0].ModRevision, results[1].ModRevision, 0, results[3].ModRevision], events.Select(e => e.Previous?.ModRevision ?? 0));
        Assert.Equal(results[3].ModRevision, results[4].CreateRevision);
    }

    [Fact]
    public async Task AfterReopeningThePreviousValueComesFromTheFile()
    {
        using var dir = new TempDirectory();
        KeyValue first;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, 100_000))
            first = await store.CreateAsync(Prefix + "a", V("1"));

        await using var reopened = await SqliteStore.OpenAsync(dir.Path, 100_000);
        var conflict = await Assert.ThrowsAsync<ConflictException>(async () => await reopened.UpdateAsync(Prefix + "a", V("x"), first.ModRevision + 7));
        Assert.Equal(first, conflict.Current with { Value = first.Value });
        Assert.Equal("1", S(conflict.Current));
        var updated = await reopened.UpdateAsync(Prefix + "a", V("2"), first.ModRevision);
        var events = await Take(reopened, first.ModRevision, 1);
        Assert.Equal("1", S(events[0].Previous));
        Assert.Equal(first.ModRevision, events[0].Previous!.ModRevision);
        Assert.Equal(updated.ModRevision, events[0].Revision);
    }

    [Fact]
    public async Task AKeyNotWrittenForMoreWritesThanTheWriterRemembersIsReadFromTheFile()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, 100_000);
        var old = await store.CreateAsync(Prefix + "old", V("old"));
        var gone = await store.CreateAsync(Prefix + "gone", V("gone"));
        await store.DeleteAsync(Prefix + "gone", gone.ModRevision);
        const int Batch = 500, Other = 17_000; // more than the writer's 16k remembered writes
        for (var i = 0; i < Other; i += Batch)
            await store.WriteAsync([.. Enumerable.Range(i, Batch).Select(n => StoreWrite.Create($"/registry/configmaps/x/{n}", V("v")))]);

        var updated = await store.UpdateAsync(Prefix + "old", V("new"), old.ModRevision);
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(async () => await store.UpdateAsync(Prefix + "gone", V("x"), 0));
        var recreated = await store.CreateAsync(Prefix + "gone", V("again"));
        var events = await Take(store, updated.ModRevision - 1, 2);
        Assert.Equal("old", S(events[0].Previous));
        Assert.Equal(old.ModRevision, events[0].Previous!.ModRevision);
        Assert.Equal(WatchEventType.Added, events[1].Type);
        Assert.Null(events[1].Previous);
        Assert.Equal(recreated.ModRevision, events[1].Revision);
    }

    [Fact]
    public async Task AGetReadsTheLastCommittedValueFromMemoryOrFromTheFileAlike()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, 100_000);
        var old = await store.UpdateAsync(Prefix + "old", V("2"), (await store.CreateAsync(Prefix + "old", V("1"))).ModRevision);
        var gone = await store.CreateAsync(Prefix + "gone", V("gone"));
        await store.DeleteAsync(Prefix + "gone", gone.ModRevision);
        Assert.Equal(old, (await store.GetAsync(Prefix + "old"))! with { Value = old.Value });
        Assert.Equal("2", S(await store.GetAsync(Prefix + "old")));
        Assert.Null(await store.GetAsync(Prefix + "gone"));

        const int Batch = 500, Other = 17_000; // more than the writer's 16k remembered writes
        for (var i = 0; i < Other; i += Batch)
            await store.WriteAsync([.. Enumerable.Range(i, Batch).Select(n => StoreWrite.Create($"/registry/configmaps/x/{n}", V($"v{n}")))]);

        // Forgotten by the writer: read from the file, the same.
        var fromFile = (await store.GetAsync(Prefix + "old"))!;
        Assert.Equal((old.CreateRevision, old.ModRevision, "2"), (fromFile.CreateRevision, fromFile.ModRevision, S(fromFile)));
        Assert.Null(await store.GetAsync(Prefix + "gone"));
        Assert.Equal("v16999", S(await store.GetAsync("/registry/configmaps/x/16999")));
        Assert.Equal("v0", S(await store.GetAsync("/registry/configmaps/x/0")));
        // Written again: the new value at once.
        var again = await store.UpdateAsync(Prefix + "old", V("3"), fromFile.ModRevision);
        Assert.Equal((again.ModRevision, "3"), ((await store.GetAsync(Prefix + "old"))!.ModRevision, S(await store.GetAsync(Prefix + "old"))));
    }

    [Fact]
    public async Task AValueIsMarkedWrittenHereOnlyWhenItIsTheArrayThisProcessWrote()
    {
        using var dir = new TempDirectory();
        var bytes = V("1");
        await using (var store = await SqliteStore.OpenAsync(dir.Path, 100_000))
        {
            var created = await store.CreateAsync(Prefix + "a", bytes);
            var got = await store.GetAsync(Prefix + "a");
            var seen = (await Take(store, 0, 1))[0].Kv;

            Assert.True(created.WrittenHere && got!.WrittenHere && seen.WrittenHere);
            Assert.Same(bytes, got.Value);
        }

        await using var reopened = await SqliteStore.OpenAsync(dir.Path, 100_000);
        var read = await reopened.GetAsync(Prefix + "a");
        var deleted = await reopened.DeleteAsync(Prefix + "a", 0);
        var written = await reopened.CreateAsync(Prefix + "b", V("2"));
        var events = await Take(reopened, read!.ModRevision, 2);

        Assert.False(read.WrittenHere); // read from the file
        Assert.False(events[0].Kv.WrittenHere); // the delete carries the value read from the file
        Assert.True(written.WrittenHere && events[1].Kv.WrittenHere);
    }
}
