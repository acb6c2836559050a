using PodLife.Store.Sqlite;

namespace PodLife.Store.Tests.Sqlite;

public sealed class RecentWritesTests
{
    static KeyValue Kv(string key, long revision) => new(key, [(byte)revision], 1, revision);

    [Fact]
    public void AWrittenKeyIsKnownWithItsLastValueAndADeletedOneAsAbsent()
    {
        var recent = new RecentWrites(4);
        var first = Kv("/a", 1);
        recent.Record("/a", first, 1);
        var second = Kv("/a", 2);
        recent.Record("/a", second, 2);
        recent.Record("/b", null, 3);

        Assert.True(recent.TryGet("/a", out var a));
        Assert.Same(second, a);
        Assert.True(recent.TryGet("/b", out var b));
        Assert.Null(b);
        Assert.False(recent.TryGet("/c", out var c));
        Assert.Null(c);
    }

    [Fact]
    public void TheOldestWriteIsForgottenUnlessItsKeyWasWrittenAgain()
    {
        var recent = new RecentWrites(3);
        recent.Record("/a", Kv("/a", 1), 1);
        recent.Record("/b", Kv("/b", 2), 2);
        recent.Record("/a", Kv("/a", 3), 3);
        recent.Record("/c", Kv("/c", 4), 4); // evicts write 1 (/a), but /a was written again at 3: kept
        Assert.True(recent.TryGet("/a", out var a));
        Assert.Equal(3, a!.ModRevision);

        recent.Record("/d", Kv("/d", 5), 5); // evicts write 2 (/b)
        Assert.False(recent.TryGet("/b", out _));
        recent.Record("/e", Kv("/e", 6), 6); // evicts write 3 (/a)
        Assert.False(recent.TryGet("/a", out _));
        Assert.Equal(3, recent.Count);
    }
}
