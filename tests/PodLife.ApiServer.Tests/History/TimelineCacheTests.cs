using PodLife.ApiServer.History;
using PodLife.Core.History;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The recorder's bounded cache: full, it evicts one timeline not used since the hand last passed, never all.</summary>
public sealed class TimelineCacheTests
{
    static TimelineCache.Entry Entry(long revision) => new(revision, new PodTimeline("default", $"p{revision}", $"u{revision}"));

    [Fact]
    public void AFullCacheEvictsOneTimelineNotUsedSinceTheHandPassedAndKeepsTheRest()
    {
        var cache = new TimelineCache(3);
        cache.Set("a", Entry(1));
        cache.Set("b", Entry(2));
        cache.Set("c", Entry(3));
        Assert.True(cache.TryGet("a", out _)); // used since it came in

        cache.Set("d", Entry(4));

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a) && a.Revision == 1);
        Assert.True(cache.TryGet("c", out _) && cache.TryGet("d", out _));
        Assert.Equal(1, cache.Evictions);
    }

    [Fact]
    public void AColdTimelineIsTheFirstToGoEvenWhenJustWritten()
    {
        var cache = new TimelineCache(3);
        foreach (var (key, revision) in new[] { ("a", 1L), ("b", 2L), ("c", 3L) }) cache.Set(key, Entry(revision));
        foreach (var key in new[] { "a", "b", "c" }) Assert.True(cache.TryGet(key, out _));
        cache.Set("b", Entry(5), cold: true); // its pod was deleted

        cache.Set("d", Entry(6));

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _) && cache.TryGet("c", out _) && cache.TryGet("d", out _));
    }

    [Fact]
    public void AForgottenTimelineLeavesRoomWithoutEvictingAnother()
    {
        var cache = new TimelineCache(2);
        cache.Set("a", Entry(1));
        cache.Set("b", Entry(2));
        cache.Forget("a");

        cache.Set("c", Entry(3));

        Assert.Equal(0, cache.Evictions);
        Assert.True(cache.TryGet("b", out _) && cache.TryGet("c", out _));
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void AStreamOfTimelinesWrittenOnceFlowsThroughWithoutEvictingThoseWrittenAgain()
    {
        var cache = new TimelineCache(100);
        var hot = Enumerable.Range(0, 10).Select(i => $"hot{i}").ToList();
        foreach (var key in hot) cache.Set(key, Entry(1));
        for (var i = 0; i < 10_000; i++)
        {
            cache.Set($"once{i}", Entry(i));
            foreach (var key in hot) Assert.True(cache.TryGet(key, out _), $"{key} after once{i}");
        }
        Assert.Equal(100, cache.Count);
        Assert.Equal(10_000 + 10 - 100, cache.Evictions);
    }
}
