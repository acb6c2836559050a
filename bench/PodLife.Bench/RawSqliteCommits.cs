using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PodLife.Bench;

/// <summary>The physical limit: plain SQLite durable commits (WAL, synchronous=FULL) with nothing of ours on top.</summary>
internal static class RawSqliteCommits
{
    /// <summary>Rows made durable per second when each transaction carries <paramref name="rowsPerCommit"/> rows.</summary>
    public static double RowsPerSecond(string dir, int rows, int rowsPerCommit)
    {
        var path = Path.Combine(dir, $"raw-{rowsPerCommit}.db");
        using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        db.Open();
        Execute(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value BLOB);");
        using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO t (name, value) VALUES ($name, $value)";
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        insert.Parameters.AddWithValue("$value", new byte[256]);
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            using var tx = db.BeginTransaction();
            insert.Transaction = tx;
            for (var i = 0; i < rowsPerCommit; i++, done++)
            {
                name.Value = $"/registry/pods/raw/{done}";
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    static void Execute(SqliteConnection db, string sql)
    {
        using var c = db.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }
}
