using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using PodLife.Core.Hosting;
using PodLife.Store.Watching;

namespace PodLife.Store.Sqlite;

/// <summary>
/// The default store: one SQLite file (WAL, synchronous=FULL) holding a kine-style append-only log.
/// Writes go through one group-committing writer; reads use pooled connections on WAL snapshots.
/// </summary>
public sealed class SqliteStore : IStore
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "podlife.db";
    const int RingCapacity = 16 * 1024;
    const int HistoryPage = 1000;

    readonly string _readConnection;
    readonly SqliteWriter _writer;
    readonly EventRing _ring;

    readonly StoreFileLock _lock;

    SqliteStore(string path, string readConnection, SqliteWriter writer, EventRing ring, StoreFileLock fileLock)
    {
        (Path, _readConnection, _writer, _ring, _lock) = (path, readConnection, writer, ring, fileLock);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDir"/>; keeps <paramref name="historyWindow"/> revisions of history.</summary>
    public static Task<SqliteStore> OpenAsync(string dataDir, long historyWindow) => OpenAsync(dataDir, HistoryRetention.Count(historyWindow));

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDir"/>, keeping the history <paramref name="retention"/> says.</summary>
    public static Task<SqliteStore> OpenAsync(string dataDir, HistoryRetention retention, TimeProvider? clock = null) =>
        OpenAsync(dataDir, retention, clock ?? TimeProvider.System, maxPageCount: 0);

    internal static Task<SqliteStore> OpenAsync(string dataDir, long historyWindow, long maxPageCount) =>
        OpenAsync(dataDir, HistoryRetention.Count(historyWindow), TimeProvider.System, maxPageCount);

    static async Task<SqliteStore> OpenAsync(string dataDir, HistoryRetention retention, TimeProvider clock, long maxPageCount)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDir, FileName));
        try { Directory.CreateDirectory(dataDir); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"store {path}: cannot create the data directory: {ex.Message}", ex);
        }
        var fileLock = StoreFileLock.Take(path);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var db = new SqliteConnection(connection);
        try
        {
            await db.OpenAsync();
            SqliteSchema.Prepare(db, path, maxPageCount);
            var (revision, compacted) = SqliteSchema.ReadRevisions(db);
            var ring = new EventRing(RingCapacity, revision);
            var writer = new SqliteWriter(path, db, ring, revision, compacted, SqliteSchema.ReadCompactedRows(db),
                new SqliteWriter.Retention(retention, clock, SqliteSchema.ReadRevisionTimes(db, compacted)));
            var read = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
            return new SqliteStore(path, read, writer, ring, fileLock);
        }
        catch (Exception ex)
        {
            await db.DisposeAsync();
            fileLock.Dispose();
            throw ex as StoreException ?? SqliteErrors.Wrap(path, "open", ex);
        }
    }

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => ValueTask.FromResult(_ring.Head);

    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) =>
        _writer.TryGetCommitted(key, out var recent) ? ValueTask.FromResult(recent) : Read(db =>
        {
            using var c = Command(db, SqliteSql.Latest, ("$name", key));
            using var r = c.ExecuteReader();
            return r.Read() && r.GetInt64(2) == 0 ? new KeyValue(key, (byte[])r[3], r.GetInt64(1), r.GetInt64(0)) : null;
        });

    /// <summary>
    /// A page of the newest live rows under a prefix. A long one is read in two steps: its keys and their rows' ids from
    /// the index, in one read transaction with the snapshot revision and the count; then the rows by id, in one part per
    /// core (500 rows scattered over the file are ~500 page reads, most of a page's time in SQLite). A row never changes
    /// once written, so those are the snapshot's rows; should a compaction have removed one in between, the page is read
    /// again in one snapshot, which then says whether the snapshot itself is gone.
    /// </summary>
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        if (options.Limit is > 0 and < ValuesInParallelFrom || Environment.ProcessorCount == 1) return ListInOneSnapshot(prefix, options);
        var (page, revision, remaining) = ReadSnapshot(db =>
        {
            var keys = Page(db, prefix, options, withValues: false);
            // A short page after all (a few namespaces): its values come from the same snapshot.
            if (keys.Items.Count < ValuesInParallelFrom)
            {
                var rows = new KeyValue?[keys.Items.Count];
                ReadValues(db, keys.Items, 0, rows.Length, rows);
                keys.Items = Complete(rows) ?? throw new InvalidOperationException("a row of the snapshot is gone");
            }
            return keys;
        }).Result;
        AfterListKeys?.Invoke();
        var values = page.Count < ValuesInParallelFrom ? page : ReadValuesInParallel(page);
        // The keys' list of a long page lies on the large object heap; cleared, it keeps no key alive until a full
        // collection (as ListPage.Release in the API server).
        if (values != page) page.Clear();
        return values is null ? ListInOneSnapshot(prefix, options) : ValueTask.FromResult(Result(values, revision, options, remaining));
    }

    // Below this many rows a page is read in one go: handing work to another core costs more than it saves.
    internal const int ValuesInParallelFrom = 64;

    /// <summary>For tests: runs between the two steps of a long list (to compact the store under it).</summary>
    internal Action? AfterListKeys { get; set; }

    ValueTask<ListResult> ListInOneSnapshot(string prefix, ListOptions options) =>
        ReadSnapshot(db =>
        {
            var (items, revision, remaining) = Page(db, prefix, options, withValues: true);
            return Result(items, revision, options, remaining);
        });

    // The page (one row past it when limited, which says whether another follows) and, if asked, how many rows follow
    // it; without values, each row has only its key and revision.
    static (List<KeyValue> Items, long Revision, long? Remaining) Page(SqliteConnection db, string prefix, ListOptions options, bool withValues)
    {
        var (current, compacted) = SqliteSchema.ReadRevisions(db);
        var revision = options.Revision == 0 ? current : Math.Min(options.Revision, current);
        if (revision < compacted) throw new CompactedException(revision, compacted);
        var items = new List<KeyValue>();
        using (var c = Command(db, withValues ? SqliteSql.List : SqliteSql.ListKeys, [.. Params(prefix, options.Continue, revision), ("$limit", options.Limit > 0 ? options.Limit + 1 : -1)]))
        using (var r = c.ExecuteReader())
        {
            while (r.Read()) items.Add(withValues ? new KeyValue(r.GetString(0), (byte[])r[1], r.GetInt64(2), r.GetInt64(3)) : new KeyValue(r.GetString(0), [], 0, r.GetInt64(1)));
        }
        InKeyOrder(items);
        long? remaining = null;
        if (options.CountRemaining && options.Limit > 0 && items.Count > options.Limit)
        {
            using var c = Command(db, SqliteSql.Count, Params(prefix, items[^2].Key, revision));
            remaining = (long)c.ExecuteScalar()!;
        }
        return (items, revision, remaining);
    }

    static ListResult Result(List<KeyValue> items, long revision, ListOptions options, long? remaining)
    {
        if (options.Limit <= 0 || items.Count <= options.Limit) return new ListResult(items, revision, null, 0);
        items.RemoveAt(items.Count - 1);
        return new ListResult(items, revision, items[^1].Key, remaining);
    }

    // The rows at these revisions, in the same order, read in one part per core; null if one is gone.
    List<KeyValue>? ReadValuesInParallel(List<KeyValue> keys)
    {
        var rows = new KeyValue?[keys.Count];
        EveryCore.Split(keys.Count, (from, to) => _ = Read(db => ReadValues(db, keys, from, to, rows)).Result);
        return Complete(rows);
    }

    // Reads the rows at the revisions of keys[from..to] into the same places of rows.
    static bool ReadValues(SqliteConnection db, List<KeyValue> keys, int from, int to, KeyValue?[] rows)
    {
        var at = new Dictionary<long, int>(to - from);
        var ids = new System.Text.StringBuilder("[");
        for (var i = from; i < to; i++)
        {
            at[keys[i].ModRevision] = i;
            ids.Append(i == from ? "" : ",").Append(keys[i].ModRevision);
        }
        using var c = Command(db, SqliteSql.ValuesOf, ("$ids", ids.Append(']').ToString()));
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var i = at[r.GetInt64(0)];
            rows[i] = keys[i] with { CreateRevision = r.GetInt64(1), Value = (byte[])r[2] };
        }
        return true;
    }

    // The rows in order; null if one was not found.
    static List<KeyValue>? Complete(KeyValue?[] rows)
    {
        var items = new List<KeyValue>(rows.Length);
        foreach (var row in rows)
        {
            if (row is null) return null;
            items.Add(row);
        }
        return items;
    }

    // The list query hands rows on in key order without sorting them (SqliteSql.List); should a SQLite ever do otherwise,
    // they are sorted here rather than paged wrongly. Keys are ASCII, where ordinal order is SQLite's BINARY order.
    static void InKeyOrder(List<KeyValue> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(items[i - 1].Key, items[i].Key) < 0) continue;
            items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return;
        }
    }

    internal static (string, object)[] Params(string prefix, string? after, long revision) =>
        [("$from", prefix), ("$to", PrefixEnd(prefix)), ("$after", after ?? ""), ("$rev", revision)];

    /// <summary>The smallest string greater than every key that starts with <paramref name="prefix"/>.</summary>
    internal static string PrefixEnd(string prefix) =>
        prefix.Length == 0 ? "\U0010FFFF" : prefix[..^1] + (char)(prefix[^1] + 1);

    public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => WriteOneAsync(StoreWrite.Create(key, value));

    public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) =>
        WriteOneAsync(StoreWrite.Update(key, value, expectedRevision));

    public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) =>
        WriteOneAsync(StoreWrite.Delete(key, expectedRevision));

    public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default)
    {
        StoreWrite.CheckTransaction(writes);
        return new(_writer.SubmitAsync(WriteOp.Of(writes)));
    }

    async ValueTask<KeyValue> WriteOneAsync(StoreWrite write) => (await _writer.SubmitAsync(WriteOp.Of([write])))[0];

    public async ValueTask CompactAsync(long revision, CancellationToken ct = default) =>
        await _writer.SubmitAsync(WriteOp.Compact(revision));

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var compacted = _writer.Compacted;
        if (afterRevision < compacted) throw new CompactedException(afterRevision, compacted);
        await foreach (var e in RingFollower.FollowAsync(_ring, prefix, afterRevision, (after, upTo, c) => HistoryAsync(prefix, after, upTo, c), ct))
            yield return e;
    }

    // Changes in (after, upTo] from the log table, for watchers that fell behind the ring.
    async IAsyncEnumerable<WatchEvent> HistoryAsync(string prefix, long after, long upTo, [EnumeratorCancellation] CancellationToken ct)
    {
        while (after < upTo)
        {
            var (page, next) = await ReadSnapshot(db => SqliteHistory.ReadPage(db, prefix, PrefixEnd(prefix), after, upTo, HistoryPage));
            foreach (var e in page) yield return e;
            after = next;
            ct.ThrowIfCancellationRequested();
        }
    }

    ValueTask<T> Read<T>(Func<SqliteConnection, T> read) => Read(read, snapshot: false);

    ValueTask<T> ReadSnapshot<T>(Func<SqliteConnection, T> read) => Read(read, snapshot: true);

    ValueTask<T> Read<T>(Func<SqliteConnection, T> read, bool snapshot)
    {
        using var db = new SqliteConnection(_readConnection);
        try
        {
            db.Open();
            if (!snapshot) return ValueTask.FromResult(read(db));
            // A manual read transaction (pooled connections must not keep it: always end it here).
            Execute(db, "BEGIN");
            try { return ValueTask.FromResult(read(db)); }
            finally { Execute(db, "ROLLBACK"); }
        }
        catch (SqliteException ex) { throw SqliteErrors.Wrap(Path, "read", ex); }
    }

    static void Execute(SqliteConnection db, string sql)
    {
        using var c = Command(db, sql);
        c.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        var c = db.CreateCommand();
        c.CommandText = sql;
        foreach (var (name, value) in parameters) c.Parameters.AddWithValue(name, value);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        // The reads' pooled connections hold the database, its WAL and shared memory open until cleared: a closed store
        // keeps no file of its data directory open (one removed after would otherwise stay on disk until the process ends).
        using (var pooled = new SqliteConnection(_readConnection)) SqliteConnection.ClearPool(pooled);
        _lock.Dispose();
    }
}
