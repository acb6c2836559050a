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
        cache.Set("d", Entry(4)); // all used: the hand clears every mark and takes the oldest, a
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _)); // used since the hand passed it, b is not

        cache.Set("e", Entry(5));

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out var c) && c.Revision == 3);
        Assert.True(cache.TryGet("d", out _) && cache.TryGet("e", out _));
        Assert.Equal(2, cache.Evictions);
    }

    [Fact]
    public void AColdTimelineNotCachedIsNotAdded()
    {
        var cache = new TimelineCache(2);
        cache.Set("a", Entry(1));
        cache.Set("b", Entry(2));

        cache.Set("gone", Entry(3), cold: true);

        Assert.False(cache.TryGet("gone", out _));
        Assert.True(cache.TryGet("a", out _) && cache.TryGet("b", out _));
        Assert.Equal(0, cache.Evictions);
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
    public void AWaveOfPodsLargerThanTheCacheFindsEveryTimelineWhileItsPodIsStarting()
    {
        // Pods as the recorder sees them: each written when created and three more times while the next 30 are created.
        var cache = new TimelineCache(100);
        var misses = 0;
        for (var step = 0; step < 10_000 + 30; step++)
        {
            if (step < 10_000) cache.Set($"pod{step}", Entry(step));
            foreach (var age in new[] { 10, 20, 30 })
            {
                var pod = step - age;
                if (pod < 0 || pod >= 10_000) continue;
                if (!cache.TryGet($"pod{pod}", out var hit)) misses++;
                cache.Set($"pod{pod}", hit ?? Entry(pod));
            }
        }
        Assert.Equal(0, misses);
        Assert.Equal(100, cache.Count);
        Assert.Equal(10_000 - 100, cache.Evictions);
    }
}
