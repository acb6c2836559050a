using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
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

    SqliteStore(string path, string readConnection, SqliteWriter writer, EventRing ring)
    {
        (Path, _readConnection, _writer, _ring) = (path, readConnection, writer, ring);
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
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var db = new SqliteConnection(connection);
        try
        {
            await db.OpenAsync();
            SqliteSchema.Prepare(db, path, maxPageCount);
            var (revision, compacted) = SqliteSchema.ReadRevisions(db);
            var ring = new EventRing(RingCapacity, revision);
            var writer = new SqliteWriter(path, db, ring, revision, compacted, SqliteSchema.ReadCompactedRows(db), retention.Plan(clock));
            var read = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
            return new SqliteStore(path, read, writer, ring);
        }
        catch (Exception ex)
        {
            await db.DisposeAsync();
            throw ex as StoreException ?? SqliteErrors.Wrap(path, "open", ex);
        }
    }

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => ValueTask.FromResult(_ring.Head);

    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) =>
        Read(db =>
        {
            using var c = Command(db, SqliteSql.Latest, ("$name", key));
            using var r = c.ExecuteReader();
            return r.Read() && r.GetInt64(2) == 0 ? new KeyValue(key, (byte[])r[3], r.GetInt64(1), r.GetInt64(0)) : null;
        });

    // One read transaction: the revision, the page and the count all come from the same WAL snapshot.
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) =>
        ReadSnapshot(db =>
        {
            var (current, compacted) = SqliteSchema.ReadRevisions(db);
            var revision = options.Revision == 0 ? current : Math.Min(options.Revision, current);
            if (revision < compacted) throw new CompactedException(revision, compacted);
            var items = new List<KeyValue>();
            // One row past the page says whether another follows, without counting them all.
            using (var c = Command(db, SqliteSql.List, [.. Params(prefix, options.Continue, revision), ("$limit", options.Limit > 0 ? options.Limit + 1 : -1)]))
            using (var r = c.ExecuteReader())
                while (r.Read()) items.Add(new KeyValue(r.GetString(0), (byte[])r[1], r.GetInt64(2), r.GetInt64(3)));
            InKeyOrder(items);
            if (options.Limit <= 0 || items.Count <= options.Limit) return new ListResult(items, revision, null, 0);
            items.RemoveAt(items.Count - 1);
            long? remaining = null;
            if (options.CountRemaining)
            {
                using var c = Command(db, SqliteSql.Count, Params(prefix, items[^1].Key, revision));
                remaining = (long)c.ExecuteScalar()!;
            }
            return new ListResult(items, revision, items[^1].Key, remaining);
        });

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

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
