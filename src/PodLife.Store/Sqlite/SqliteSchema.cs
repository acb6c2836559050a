using Microsoft.Data.Sqlite;

namespace PodLife.Store.Sqlite;

/// <summary>Checks that a database file is ours (or new), sets durability pragmas and creates the schema.</summary>
static class SqliteSchema
{
    public static void Prepare(SqliteConnection db, string path, long maxPageCount)
    {
        var applicationId = Convert.ToInt64(Scalar(db, SqliteSql.ApplicationIdQuery));
        var tables = Convert.ToInt64(Scalar(db, SqliteSql.TableCount));
        if (tables > 0 && applicationId != SqliteSql.ApplicationId)
            throw new StoreUnavailableException(
                $"store {path} is a SQLite database of another application (application_id {applicationId}), not a PodLife store; move it away or point --data-dir elsewhere");
        var mode = Scalar(db, SqliteSql.Pragmas) as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StoreUnavailableException($"store {path}: cannot switch to write-ahead logging (journal mode is {mode}); is the directory writable?");
        // Only tests set a page limit: it simulates a full disk.
        if (maxPageCount > 0) Scalar(db, $"PRAGMA max_page_count = {maxPageCount}");
        using var tx = db.BeginTransaction();
        using (var c = db.CreateCommand())
        {
            c.Transaction = tx;
            c.CommandText = SqliteSql.CreateSchema;
            c.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The newest revision and the compaction point, as one consistent pair in the current transaction.</summary>
    public static (long Revision, long Compacted) ReadRevisions(SqliteConnection db) =>
        (Convert.ToInt64(Scalar(db, SqliteSql.CurrentRevision)), Convert.ToInt64(Scalar(db, SqliteSql.Compacted)));

    /// <summary>Up to which revision compaction has removed what it removes (<see cref="SqliteSql.CompactedRows"/>).</summary>
    public static long ReadCompactedRows(SqliteConnection db) => Convert.ToInt64(Scalar(db, SqliteSql.CompactedRows));

    /// <summary>When the history a compaction has not yet removed was written (see <see cref="HistoryRetention.Planner.Remember"/>).</summary>
    public static List<(long Revision, DateTimeOffset WrittenAt)> ReadRevisionTimes(SqliteConnection db, long compacted)
    {
        using var c = db.CreateCommand();
        c.CommandText = SqliteSql.RevisionTimes;
        c.Parameters.AddWithValue("$compacted", compacted);
        using var r = c.ExecuteReader();
        var times = new List<(long, DateTimeOffset)>();
        while (r.Read()) times.Add((r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))));
        return times;
    }

    static object? Scalar(SqliteConnection db, string sql)
    {
        using var c = db.CreateCommand();
        c.CommandText = sql;
        return c.ExecuteScalar();
    }
}
