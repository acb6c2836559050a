using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PodLife.Store.Watching;

namespace PodLife.Store.Sqlite;

/// <summary>
/// The only writer of the database: drains pending writes into one transaction and one fsync
/// (group commit), completes their tasks once durable, feeds watchers, and compacts in small steps
/// between batches so that compaction never blocks writers.
/// </summary>
sealed class SqliteWriter : IAsyncDisposable
{
    const int MaxBatch = 1024;
    // Rows written per compaction step, at least: each step removes at most twice as many and rides in one write
    // transaction, so a step adds about a millisecond to that commit instead of stalling every writer behind one long
    // delete. A step covers twice the batch's own writes when that is more, so compaction outpaces any write rate.
    const int CompactBatch = 512;
    // A finished automatic round leaves the WAL to SQLite's own checkpoints (on commit, without waiting for readers)
    // unless it has grown past this; a TRUNCATE checkpoint waits for readers and rewrites the file, tens of
    // milliseconds during which no write commits, which automatic rounds (one per window/10 revisions) made periodic.
    const long WalBound = 64L << 20;
    const int RecentCapacity = 16 * 1024;  // as many writes as the watch ring keeps, whose values it holds anyway

    readonly string _path;
    readonly SqliteConnection _db;
    readonly EventRing _ring;
    readonly HistoryRetention.Planner _history;
    readonly Channel<WriteOp> _pending = Channel.CreateUnbounded<WriteOp>(new() { SingleReader = true });
    readonly SqliteCommand _latest, _insert, _compactEnd, _compactStep, _setCompacted, _setCompactedRows, _addTime, _forgetTimes;
    readonly Task _loop;
    readonly List<WriteOp> _compactWaiters = [];
    // The last committed writes, read by the writer (a write's current value) and by GetAsync from any thread (under
    // its lock): a key written recently is read from memory instead of by a read transaction, whose page cache SQLite
    // empties whenever the file changed.
    readonly RecentWrites _committed = new(RecentCapacity);
    readonly Lock _committedLock = new();
    // What the batch in progress wrote so far (null: deleted), ahead of _committed for its later writes; forgotten
    // once the batch is committed or rolled back.
    readonly Dictionary<string, KeyValue?> _uncommitted = new(StringComparer.Ordinal);
    readonly List<(long Revision, DateTimeOffset WrittenAt)> _unsavedTimes = []; // for revision_times, with the next commit
    long _revision;
    long _compactTarget;   // the compaction in progress (0 = none)
    long _compactFrom;     // rows written up to here are done
    long _compactedRows;   // what the last finished round removed is gone up to here (persisted)

    /// <summary>How much history to keep, and when the history already stored was written (revision_times).</summary>
    public sealed record Retention(HistoryRetention Policy, TimeProvider Clock, IReadOnlyList<(long Revision, DateTimeOffset WrittenAt)> Known);

    public SqliteWriter(string path, SqliteConnection db, EventRing ring, long revision, long compacted, long compactedRows, Retention retention)
    {
        (_path, _db, _ring, _revision, Compacted, _compactedRows) = (path, db, ring, revision, compacted, compactedRows);
        _history = retention.Policy.Plan(retention.Clock, (r, at) => _unsavedTimes.Add((r, at)));
        foreach (var (r, at) in retention.Known) _history.Remember(r, at);
        // What the last run wrote after its last recorded second counts as written now: it ages from this start on.
        if (_history.ByAge && revision > (retention.Known.Count > 0 ? retention.Known[^1].Revision : 0))
        {
            var now = retention.Clock.GetUtcNow();
            _history.Remember(revision, now);
            _unsavedTimes.Add((revision, now));
        }
        _latest = Command(SqliteSql.Latest, "$name");
        _insert = Command(SqliteSql.Insert, "$id", "$name", "$created", "$deleted", "$prev", "$value");
        _compactEnd = Command(SqliteSql.CompactStepEnd, "$from", "$target", "$batch");
        _compactStep = Command(SqliteSql.CompactStep, "$from", "$to");
        _setCompacted = Command(SqliteSql.SetCompacted, "$rev");
        _setCompactedRows = Command(SqliteSql.SetCompactedRows, "$rev");
        _addTime = Command(SqliteSql.AddRevisionTime, "$revision", "$at");
        _forgetTimes = Command(SqliteSql.ForgetRevisionTimes, "$compacted");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The compaction point readers must respect (history at or below it may be gone).</summary>
    public long Compacted { get => Volatile.Read(ref field); private set => Volatile.Write(ref field, value); }

    SqliteCommand Command(string sql, params string[] parameters)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        foreach (var p in parameters) c.Parameters.Add(new SqliteParameter { ParameterName = p });
        return c;
    }

    public Task<IReadOnlyList<KeyValue>> SubmitAsync(WriteOp op)
    {
        if (!_pending.Writer.TryWrite(op)) throw new ObjectDisposedException("store", $"store {_path} is closed");
        return op.Done.Task;
    }

    async Task LoopAsync()
    {
        var batch = new List<WriteOp>(MaxBatch);
        while (true)
        {
            if (_compactTarget == 0 && !await _pending.Reader.WaitToReadAsync()) break;
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var op)) batch.Add(op);
            try
            {
                Commit(batch);
            }
            catch (Exception ex)
            {
                // A fault after the commit (in handing out results, or in planning compaction): the batch is durable and
                // the loop goes on; whoever of it was not answered yet hears of the fault rather than waiting forever.
                var error = new StoreUnavailableException($"store {_path}: a write was committed but not confirmed: {ex.Message}", ex);
                foreach (var op in batch) op.Done.TrySetException(error);
            }
        }
    }

    // One transaction: every write of the batch plus one compaction step; one fsync at commit.
    void Commit(List<WriteOp> batch)
    {
        var before = _revision;
        var compactBefore = (_compactTarget, _compactFrom, Compacted, _compactedRows);
        bool compactionDone;
        try
        {
            using var tx = _db.BeginTransaction();
            foreach (var op in batch) Apply(op, tx);
            compactionDone = _compactTarget != 0 && CompactStep(tx, Math.Max(CompactBatch, 2 * batch.Count));
            SaveRevisionTimes(tx);
            tx.Commit();
        }
        catch (Exception ex)
        {
            // Nothing of the batch is on disk: fail every write in it and forget its in-memory effects.
            _revision = before;
            _uncommitted.Clear();
            (_compactTarget, _compactFrom, Compacted, _compactedRows) = compactBefore;
            var error = SqliteErrors.Wrap(_path, "write", ex);
            foreach (var op in batch) op.Done.TrySetException(error);
            return;
        }
        // Durable from here: whatever happens next, these revisions are taken.
        _unsavedTimes.Clear();
        _uncommitted.Clear(); // in _committed once published, before any later batch reads it
        Publish(batch, compactionDone);
    }

    // A transaction: every condition is checked before anything is inserted, so that a refusal writes nothing.
    void Apply(WriteOp op, SqliteTransaction tx)
    {
        if (op.Kind == WriteKind.Compact) { StartCompaction(op, tx); return; }
        var writes = op.Writes;
        var currents = new KeyValue?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            var current = currents[i] = Latest(w.Key, tx);
            if (w.Kind == StoreWriteKind.Create && current is not null) { op.Refusal = new KeyExistsException(w.Key); return; }
            if (w.Kind != StoreWriteKind.Create && current is null) { op.Refusal = new KeyNotFoundInStoreException(w.Key); return; }
            if (current is not null && w.ExpectedRevision != 0 && current.ModRevision != w.ExpectedRevision)
            {
                op.Refusal = new ConflictException(w.Key, w.ExpectedRevision, current);
                return;
            }
        }
        var events = new WatchEvent[writes.Count];
        for (var i = 0; i < writes.Count; i++) events[i] = Insert(writes[i], currents[i], tx);
        op.Events = events;
    }

    KeyValue? Latest(string key, SqliteTransaction tx)
    {
        if (_uncommitted.TryGetValue(key, out var written)) return written;
        if (TryGetCommitted(key, out var recent)) return recent;
        _latest.Transaction = tx;
        _latest.Parameters[0].Value = key;
        using var r = _latest.ExecuteReader();
        return r.Read() && r.GetInt64(2) == 0 ? new KeyValue(key, (byte[])r[3], r.GetInt64(1), r.GetInt64(0)) : null;
    }

    WatchEvent Insert(StoreWrite w, KeyValue? current, SqliteTransaction tx)
    {
        var id = _revision + 1;
        var (value, created) = w.Kind switch
        {
            StoreWriteKind.Create => (w.Value, id),
            StoreWriteKind.Update => (w.Value, current!.CreateRevision),
            _ => (current!.Value, current!.CreateRevision),
        };
        _insert.Transaction = tx;
        _insert.Parameters[0].Value = id;
        _insert.Parameters[1].Value = w.Key;
        _insert.Parameters[2].Value = created;
        _insert.Parameters[3].Value = w.Kind == StoreWriteKind.Delete ? 1 : 0;
        _insert.Parameters[4].Value = current?.ModRevision ?? 0;
        _insert.Parameters[5].Value = value;
        _insert.ExecuteNonQuery();
        _revision = id;
        var type = w.Kind switch { StoreWriteKind.Create => WatchEventType.Added, StoreWriteKind.Update => WatchEventType.Modified, _ => WatchEventType.Deleted };
        // A delete's value is the current one, which may have been read from the file.
        var kv = new KeyValue(w.Key, value, created, id) { WrittenHere = w.Kind != StoreWriteKind.Delete || current!.WrittenHere };
        _uncommitted[w.Key] = type == WatchEventType.Deleted ? null : kv;
        return new WatchEvent(type, kv, current);
    }

    /// <summary>
    /// True when <paramref name="key"/> is among the last committed writes: <paramref name="live"/> is then its current
    /// value, or null if it was deleted. Complete before the writes are acknowledged, so a read after an acknowledged
    /// write sees it, as a read transaction would.
    /// </summary>
    public bool TryGetCommitted(string key, out KeyValue? live)
    {
        lock (_committedLock) return _committed.TryGet(key, out live);
    }

    void Publish(List<WriteOp> batch, bool compactionDone)
    {
        var events = new List<WatchEvent>(batch.Count);
        foreach (var op in batch) if (op.Events is { } e) events.AddRange(e);
        lock (_committedLock)
            foreach (var e in events) _committed.Record(e.Kv.Key, e.Type == WatchEventType.Deleted ? null : e.Kv, e.Kv.ModRevision);
        _ring.Append(events, _revision);
        foreach (var op in batch)
        {
            if (op.Kind == WriteKind.Compact && _compactTarget != 0) _compactWaiters.Add(op);
            else if (op.Kind == WriteKind.Compact)
            {
                // Nothing left to compact (automatic compaction got there first): still give the WAL back.
                CheckpointWal();
                op.Done.TrySetResult([new KeyValue("", [], 0, Compacted)]);
            }
            else if (op.Refusal is { } refusal) op.Done.TrySetException(refusal);
            else op.Done.TrySetResult(Results(op.Events!));
        }
        if (compactionDone) FinishCompaction();
        else if (_history.Target(_revision, Compacted) is > 0 and var target && _compactTarget == 0)
            _pending.Writer.TryWrite(WriteOp.Compact(target));
    }

    static KeyValue[] Results(WatchEvent[] events)
    {
        var results = new KeyValue[events.Length];
        for (var i = 0; i < events.Length; i++) results[i] = events[i].Kv;
        return results;
    }

    void StartCompaction(WriteOp op, SqliteTransaction tx)
    {
        var target = Math.Min(op.Target, _revision);
        if (target <= Math.Max(Compacted, _compactTarget)) return;
        _setCompacted.Transaction = tx;
        _setCompacted.Parameters[0].Value = target;
        _setCompacted.ExecuteNonQuery();
        // A round continues where the last one stopped (a crash may have cut it short: then it covers that too); a
        // larger target during a round extends it.
        if (_compactTarget == 0) _compactFrom = _compactedRows;
        _compactTarget = target;
        Compacted = target; // readers that see it before the commit refuse a little early, never too late
    }

    void SaveRevisionTimes(SqliteTransaction tx)
    {
        _addTime.Transaction = tx;
        foreach (var (revision, at) in _unsavedTimes)
        {
            _addTime.Parameters[0].Value = revision;
            _addTime.Parameters[1].Value = at.ToUnixTimeMilliseconds();
            _addTime.ExecuteNonQuery();
        }
    }

    // Deletes what the next `rows` rows written make obsolete; true when the round is complete (and recorded).
    bool CompactStep(SqliteTransaction tx, int rows)
    {
        _compactEnd.Transaction = tx;
        _compactEnd.Parameters[0].Value = _compactFrom;
        _compactEnd.Parameters[1].Value = _compactTarget;
        _compactEnd.Parameters[2].Value = rows;
        if (_compactEnd.ExecuteScalar() is not long to)
        {
            _setCompactedRows.Transaction = tx;
            _setCompactedRows.Parameters[0].Value = _compactTarget;
            _setCompactedRows.ExecuteNonQuery();
            _forgetTimes.Transaction = tx;
            _forgetTimes.Parameters[0].Value = _compactTarget;
            _forgetTimes.ExecuteNonQuery();
            _compactedRows = _compactTarget;
            return true;
        }
        _compactStep.Transaction = tx;
        _compactStep.Parameters[0].Value = _compactFrom;
        _compactStep.Parameters[1].Value = to;
        _compactStep.ExecuteNonQuery();
        _compactFrom = to;
        return false;
    }

    void FinishCompaction()
    {
        _compactTarget = 0;
        // Whoever asked for a compaction (CompactAsync) gets the WAL back; an automatic round only when it is large.
        if (_compactWaiters.Count > 0 || WalBytes() > WalBound) CheckpointWal();
        foreach (var w in _compactWaiters) w.Done.TrySetResult([new KeyValue("", [], 0, Compacted)]);
        _compactWaiters.Clear();
    }

    long WalBytes()
    {
        var wal = new FileInfo(_path + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    // Gives the WAL back to the file system; skips quietly if readers hold it right now.
    void CheckpointWal()
    {
        try
        {
            using var c = _db.CreateCommand();
            c.CommandText = "PRAGMA busy_timeout = 100; " + SqliteSql.Checkpoint + "; PRAGMA busy_timeout = 10000;";
            c.ExecuteNonQuery();
        }
        catch (SqliteException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
        _ring.Fail(new ObjectDisposedException("store", $"store {_path} is closed"));
        foreach (var w in _compactWaiters) w.Done.TrySetCanceled();
        foreach (var c in new[] { _latest, _insert, _compactEnd, _compactStep, _setCompacted, _setCompactedRows, _addTime, _forgetTimes }) c.Dispose();
        await _db.DisposeAsync();
    }
}
