using Microsoft.Data.Sqlite;
using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

/// <summary>A store made by an earlier PodLife opens with today's schema and keeps its data.</summary>
public sealed class SqliteSchemaUpgradeTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStoreWithTheOldNameIdIndexGetsTheCoveringIndexOnOpen()
    {
        using var dir = new TempDirectory();
        string path;
        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1000))
        {
            path = store.Path;
            await store.CreateAsync("/registry/pods/ns/a", "a"u8.ToArray(), Ct);
        }
        // What stores made before the covering index have.
        await ExecuteAsync(path, "DROP INDEX kine_name_id_deleted; CREATE INDEX kine_name_id ON kine (name, id)");

        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1000))
            Assert.Equal("a"u8.ToArray(), (await store.GetAsync("/registry/pods/ns/a", Ct))!.Value);

        Assert.Equal(["kine_name_id_deleted"], await IndexesAsync(path));
    }

    static async Task ExecuteAsync(string path, string sql)
    {
        await using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        await db.OpenAsync(Ct);
        await using var c = db.CreateCommand();
        c.CommandText = sql;
        await c.ExecuteNonQueryAsync(Ct);
    }

    static async Task<List<string>> IndexesAsync(string path)
    {
        await using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        await db.OpenAsync(Ct);
        await using var c = db.CreateCommand();
        c.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'kine' AND sql IS NOT NULL ORDER BY name";
        var names = new List<string>();
        await using var r = await c.ExecuteReaderAsync(Ct);
        while (await r.ReadAsync(Ct)) names.Add(r.GetString(0));
        return names;
    }
}
