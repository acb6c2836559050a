using PodLife.Store.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Sqlite;

public sealed class RetainedValueTests
{
    [Fact]
    public void AWrittenValueIsKeptAsAnEqualCopyThatTheYoungCollectionsDoNotCopy()
    {
        var value = new byte[2400];
        new Random(7).NextBytes(value);
        var kept = SqliteWriter.Retained(value);
        Assert.NotSame(value, kept);
        Assert.Equal(value, kept);
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(kept)); // the pinned object heap is collected with gen2 only
        Assert.Same(Array.Empty<byte>(), SqliteWriter.Retained([]));
    }

    [Fact]
    public async Task TheStoreAnswersAndWatchesWithTheBytesItWasGiven()
    {
        using var dir = new TempDirectory();
        await using var store = await SqliteStore.OpenAsync(dir.Path, 1000);
        var value = "{\"kind\":\"Pod\"}"u8.ToArray();
        var created = await store.CreateAsync("/registry/pods/default/a", value);
        value[0] = (byte)'x'; // the caller's array is its own again once the write is done
        Assert.Equal("{\"kind\":\"Pod\"}"u8.ToArray(), created.Value);
        Assert.Equal(created.Value, (await store.GetAsync("/registry/pods/default/a"))!.Value);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in store.WatchAsync("/registry/pods/", 0, cts.Token))
        {
            Assert.Same(created.Value, e.Kv.Value);
            break;
        }
    }
}
