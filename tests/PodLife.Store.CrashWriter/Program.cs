// Writes to a SQLite store as fast as it can until it is killed, printing "<key>;" for every
// write the store acknowledged. The durability test kills it with SIGKILL and checks those keys.
// Usage: PodLife.Store.CrashWriter <data-dir> <run-id>
using PodLife.Store.Sqlite;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: PodLife.Store.CrashWriter <data-dir> <run-id>");
    return 2;
}
var (dataDir, run) = (args[0], args[1]);
await using var store = await SqliteStore.OpenAsync(dataDir, historyWindow: 1000);
var output = Console.Out;
var gate = new Lock();
await Task.WhenAll(Enumerable.Range(0, 16).Select(async writer =>
{
    for (var i = 0; ; i++)
    {
        var key = $"/registry/crash/{run}-{writer}-{i}";
        await store.CreateAsync(key, System.Text.Encoding.UTF8.GetBytes(key));
        lock (gate) output.Write(key + ";\n");
    }
}));
return 0;
