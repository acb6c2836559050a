using Microsoft.Data.Sqlite;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>Plain SQL on a database file, beside the store: to set up what an earlier version or a crash left, and to look.</summary>
static class SqliteFile
{
    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var db = await OpenAsync(path);
        await using var c = db.CreateCommand();
        c.CommandText = sql;
        await c.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string path, string sql)
    {
        await using var db = await OpenAsync(path);
        await using var c = db.CreateCommand();
        c.CommandText = sql;
        var values = new List<T>();
        await using var r = await c.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await r.ReadAsync(TestContext.Current.CancellationToken)) values.Add(r.GetFieldValue<T>(0));
        return values;
    }

    static async Task<SqliteConnection> OpenAsync(string path)
    {
        var db = new SqliteConnection($"Data Source={path};Pooling=false");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        return db;
    }
}
