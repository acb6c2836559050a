using PodLife.Store.Sqlite;
using PodLife.Store.Tests.Support;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>Bad files and hostile file systems give a clear error naming the file, never silent data loss.</summary>
public sealed class SqliteBadInputTests
{
    [Fact]
    public async Task ACorruptFileIsRefusedWithItsNameAndLeftUntouched()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, SqliteStore.FileName);
        var garbage = new byte[8192];
        new Random(1).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteStore.OpenAsync(dir.Path, 1000));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task ADatabaseOfAnotherApplicationIsRefusedAndKeepsItsData()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, SqliteStore.FileName);
        await SqliteFile.ExecuteAsync(path, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('alice');");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteStore.OpenAsync(dir.Path, 1000));
        Assert.Contains(path, error.Message);
        Assert.Contains("another application", error.Message);
        Assert.Equal([1L], await SqliteFile.ColumnAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master")); // only the foreign table: nothing of ours was added
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task AReadOnlyDataDirectoryIsReportedAsNotWritable()
    {
        using var dir = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(dir.Path, "data")).FullName;
        await ReadOnlyDirectory.SetAsync(data, readOnly: true);
        try
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteStore.OpenAsync(data, 1000));
            Assert.Contains(Path.Combine(data, SqliteStore.FileName), error.Message);
            Assert.Contains("not writable", error.Message);
        }
        finally { await ReadOnlyDirectory.SetAsync(data, readOnly: false); }
    }

    [Fact]
    public async Task AFullDiskFailsTheWriteWithAClearErrorAndKeepsEveryAcknowledgedWrite()
    {
        using var dir = new TempDirectory();
        var acknowledged = new List<string>();
        StoreUnavailableException? full = null;
        // A page limit stands in for a full disk: SQLite reports SQLITE_FULL exactly as when the disk fills.
        await using (var store = await SqliteStore.OpenAsync(dir.Path, 1000, maxPageCount: 64))
        {
            for (var i = 0; full is null && i < 10_000; i++)
            {
                try { acknowledged.Add((await store.CreateAsync($"/registry/pods/ns/p{i}", new byte[1000])).Key); }
                catch (StoreUnavailableException ex) { full = ex; }
            }
            Assert.NotNull(full);
            Assert.Contains(store.Path, full.Message);
            Assert.Contains("disk is full", full.Message);
            Assert.Equal(acknowledged.Count, (await store.ListAsync("/registry/pods/", ListOptions.All)).Items.Count);
        }
        await using var reopened = await SqliteStore.OpenAsync(dir.Path, 1000);
        var present = (await reopened.ListAsync("/registry/pods/", ListOptions.All)).Items.Select(i => i.Key).ToHashSet();
        Assert.Equal(acknowledged.Count, present.Count);
        Assert.All(acknowledged, k => Assert.Contains(k, present));
        await reopened.CreateAsync("/registry/pods/ns/after", [1]); // and it still takes writes once there is room
    }

    [Fact]
    public async Task AFaultAfterTheCommitKeepsTheWriteAndTheStoreGoesOnFromTheNextRevision()
    {
        using var dir = new TempDirectory();
        var clock = new ClockThatFailsOnce();
        await using var store = await SqliteStore.OpenAsync(dir.Path, new HistoryRetention(1000, TimeSpan.FromMinutes(5)), clock);
        var first = await store.CreateAsync("/registry/pods/ns/first", [1]);
        // The writer reads the clock after the commit, to plan compaction: that read fails once. It does so after it has
        // answered the batch's writes, so the write is answered first and the fault comes right after.
        clock.FailNext = true;
        var second = await store.CreateAsync("/registry/pods/ns/second", [2]);
        Assert.True(SpinWait.SpinUntil(() => !clock.FailNext, TimeSpan.FromSeconds(10)), "the writer never read the clock");
        var third = await store.CreateAsync("/registry/pods/ns/third", [3]);

        Assert.Equal([first.ModRevision, first.ModRevision + 1, first.ModRevision + 2], [first.ModRevision, second.ModRevision, third.ModRevision]);
        var stored = (await store.ListAsync("/registry/pods/", ListOptions.All)).Items;
        Assert.Equal([(first.Key, first.ModRevision), (second.Key, second.ModRevision), (third.Key, third.ModRevision)],
            stored.Select(kv => (kv.Key, kv.ModRevision)));
    }

    sealed class ClockThatFailsOnce : TimeProvider
    {
        public volatile bool FailNext;

        public override long GetTimestamp()
        {
            if (!FailNext) return base.GetTimestamp();
            FailNext = false;
            throw new InvalidOperationException("the clock failed");
        }
    }

    [Fact]
    public async Task ARowAnotherProgramWroteAtTheNextRevisionFailsTheWholeBatchAndWritesNothingOfIt()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, SqliteStore.FileName);
        await using var store = await SqliteStore.OpenAsync(dir.Path, 1000);
        var first = await store.CreateAsync("/registry/pods/ns/first", [1]);
        // Another program writing the same file takes the revision the store counts on next.
        await SqliteFile.ExecuteAsync(path, $"INSERT INTO kine (id, name, created, deleted, prev_revision, value) VALUES ({first.ModRevision + 1}, '/registry/other/x', 0, 0, 0, x'01')");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(async () => await store.WriteAsync(
            [StoreWrite.Update(first.Key, [2], first.ModRevision), StoreWrite.Create("/registry/pods/ns/second", [3])]));
        Assert.Contains(path, error.Message);
        Assert.Contains("UNIQUE constraint failed", error.Message);
        // Nothing of the refused transaction is stored, and what was acknowledged before is as it was.
        Assert.Equal([first.ModRevision + 1], await SqliteFile.ColumnAsync<long>(path, $"SELECT id FROM kine WHERE id > {first.ModRevision}"));
        var read = await store.GetAsync(first.Key);
        Assert.Equal(first.ModRevision, read!.ModRevision);
        Assert.Equal([1], read.Value);
    }

    [Fact]
    public async Task ASecondStoreOnTheSameDataDirectoryIsRefusedUntilTheFirstCloses()
    {
        using var dir = new TempDirectory();
        var first = await SqliteStore.OpenAsync(dir.Path, 1000);
        await first.CreateAsync("/registry/pods/ns/a", [1]);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteStore.OpenAsync(dir.Path, 1000));
        Assert.Contains(first.Path, error.Message);
        Assert.Contains("in use by another process", error.Message);
        await first.CreateAsync("/registry/pods/ns/b", [2]); // the first goes on undisturbed

        await first.DisposeAsync();
        await using var second = await SqliteStore.OpenAsync(dir.Path, 1000);
        Assert.Equal(2, (await second.ListAsync("/registry/pods/", ListOptions.All)).Items.Count);
    }

    [Fact]
    public async Task AClosedStoreKeepsNoFileOfItsDataDirectoryOpen()
    {
        Assert.True(OperatingSystem.IsLinux(), "open files are read from /proc: Linux only");
        using var dir = new TempDirectory();
        var store = await SqliteStore.OpenAsync(dir.Path, 1000);
        await store.CreateAsync("/registry/pods/ns/a", [1]);
        // Reads run on connections of their own, pooled between reads.
        Assert.Single((await store.ListAsync("/registry/pods/", ListOptions.All)).Items);
        Assert.NotNull(await store.GetAsync("/registry/pods/ns/a"));
        Assert.NotEmpty(OpenFilesUnder(dir.Path));

        await store.DisposeAsync();

        Assert.Empty(OpenFilesUnder(dir.Path));
    }

    static List<string> OpenFilesUnder(string dir)
    {
        var root = Path.GetFullPath(dir) + "/";
        var open = new List<string>();
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(root, StringComparison.Ordinal)) open.Add(target);
            }
            catch (IOException)
            {
                // Closed while listed.
            }
        }
        return open;
    }
}
