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
        await SqliteFile.ExecuteAsync(path, "DROP INDEX kine_name_id_deleted; CREATE INDEX kine_name_id ON kine (name, id)");

        await using (var store = await SqliteStore.OpenAsync(dir.Path, historyWindow: 1000))
            Assert.Equal("a"u8.ToArray(), (await store.GetAsync("/registry/pods/ns/a", Ct))!.Value);

        Assert.Equal(["kine_name_id_deleted"], await SqliteFile.ColumnAsync<string>(path,
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'kine' AND sql IS NOT NULL ORDER BY name"));
    }
}
