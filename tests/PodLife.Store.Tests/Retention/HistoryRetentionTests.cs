using Microsoft.Extensions.Time.Testing;
using PodLife.Store.Sqlite;
using PodLife.Store.Tests.Sqlite;
using PodLife.Testing;

namespace PodLife.Store.Tests.Retention;

/// <summary>
/// History stays while it is among the last N revisions or younger than the age (kube-apiserver's 5 minutes), so the
/// later pages of a paged list and resumed watches keep working however fast the store is written.
/// </summary>
public sealed class HistoryRetentionTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ACountAloneCompactsOnceTheSlackIsPastTheWindow()
    {
        var plan = HistoryRetention.Count(1000).Plan(new FakeTimeProvider());

        Assert.Equal(0, plan.Target(1099, compacted: 0)); // 99 past the window: less than the slack of 100
        Assert.Equal(100, plan.Target(1100, compacted: 0));
        Assert.Equal(0, plan.Target(1150, compacted: 100));
    }

    [Fact]
    public void RevisionsYoungerThanTheAgeStayHoweverManyAreWritten()
    {
        var clock = new FakeTimeProvider();
        var plan = new HistoryRetention(1000, TimeSpan.FromMinutes(5)).Plan(clock);

        Assert.Equal(0, plan.Target(100_000, compacted: 0));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, plan.Target(200_000, compacted: 0));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, plan.Target(300_000, compacted: 0)); // its second is not over 5 minutes old yet
        // A second later, everything up to revision 100,000 may go; revision 200,000 is a minute old.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(100_000, plan.Target(300_001, compacted: 0));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(200_000, plan.Target(300_002, compacted: 100_000));
    }

    [Fact]
    public void OldRevisionsStillKeepTheLastCountOfRevisions()
    {
        var clock = new FakeTimeProvider();
        var plan = new HistoryRetention(1000, TimeSpan.FromMinutes(5)).Plan(clock);

        plan.Target(500, compacted: 0);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, plan.Target(1099, compacted: 0)); // 99 past the window of 1,000: not worth a round
        Assert.Equal(200, plan.Target(1200, compacted: 0)); // everything older than the last 1,000, all an hour old
    }

    [Fact]
    public async Task ASqliteStoreKeepsAPagedListConsistentUntilItsHistoryIsOlderThanTheAge()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        await using var store = await SqliteStore.OpenAsync(dir.Path, new HistoryRetention(10, TimeSpan.FromMinutes(5)), clock);
        for (var i = 0; i < 50; i++) await store.CreateAsync($"/registry/pods/ns/p{i:D3}", [1], Ct);
        var first = await store.ListAsync("/registry/pods/", new ListOptions(Limit: 10), Ct);
        // Far more writes than the window of 10 revisions, all within the age: the list's later pages still answer.
        for (var round = 0; round < 20; round++)
            for (var i = 0; i < 50; i++)
            {
                var key = $"/registry/pods/ns/p{i:D3}";
                var current = await store.GetAsync(key, Ct);
                await store.UpdateAsync(key, [(byte)round], current!.ModRevision, Ct);
            }
        var second = await store.ListAsync("/registry/pods/", new ListOptions(10, first.Continue, first.Revision), Ct);
        Assert.Equal(10, second.Items.Count);
        Assert.All(second.Items, kv => Assert.Equal([1], kv.Value));

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await store.CreateAsync("/registry/pods/ns/after", [1], Ct);
        await store.CreateAsync("/registry/pods/ns/after2", [1], Ct); // the compaction the first write started is done by the second's commit
        await Assert.ThrowsAsync<CompactedException>(async () =>
            await store.ListAsync("/registry/pods/", new ListOptions(10, first.Continue, first.Revision), Ct));
    }

    [Fact]
    public void RememberedRevisionsAgeFromWhenTheyWereWritten()
    {
        var clock = new FakeTimeProvider();
        var seconds = new List<(long, DateTimeOffset)>();
        var plan = new HistoryRetention(10, TimeSpan.FromMinutes(5)).Plan(clock, (r, at) => seconds.Add((r, at)));
        plan.Remember(1_000, clock.GetUtcNow() - TimeSpan.FromMinutes(6)); // an earlier run's, old enough
        plan.Remember(2_000, clock.GetUtcNow() - TimeSpan.FromMinutes(1)); // an earlier run's, a minute old

        Assert.Equal(1_000, plan.Target(3_000, compacted: 0));
        clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1)); // a second is kept whole (Age plus a second)
        Assert.Equal(2_000, plan.Target(3_001, compacted: 1_000));
        // The second of revision 3,000 closed: it is reported with when it began, for the store to keep.
        Assert.Equal([(3_000L, clock.GetUtcNow() - TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1))], seconds);
    }

    [Fact]
    public async Task ASqliteStoreRestartedMoreOftenThanTheAgeStillCompactsItsOldHistory()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider();
        var retention = new HistoryRetention(10, TimeSpan.FromMinutes(5));
        ListResult first;
        // Each run lasts three minutes, less than the age: no run alone ever sees history 5 minutes old.
        await using (var store = await SqliteStore.OpenAsync(dir.Path, retention, clock))
        {
            for (var i = 0; i < 50; i++) await store.CreateAsync($"/registry/pods/ns/p{i:D3}", [1], Ct);
            first = await store.ListAsync("/registry/pods/", new ListOptions(Limit: 10), Ct);
            await WriteForAsync(store, clock, TimeSpan.FromMinutes(3));
        }
        await using (var store = await SqliteStore.OpenAsync(dir.Path, retention, clock))
        {
            await WriteForAsync(store, clock, TimeSpan.FromMinutes(1));
            // Four minutes after the list: its snapshot is still kept.
            Assert.Equal(10, (await store.ListAsync("/registry/pods/", new ListOptions(10, first.Continue, first.Revision), Ct)).Items.Count);
        }
        await using (var store = await SqliteStore.OpenAsync(dir.Path, retention, clock))
        {
            await WriteForAsync(store, clock, TimeSpan.FromMinutes(2));
            // Six minutes after the list, two of them in this run: that history is gone.
            await Assert.ThrowsAsync<CompactedException>(async () =>
                await store.ListAsync("/registry/pods/", new ListOptions(10, first.Continue, first.Revision), Ct));
        }
        var times = await SqliteFile.ColumnAsync<long>(Path.Combine(dir.Path, SqliteStore.FileName), "SELECT COUNT(*) FROM revision_times");
        Assert.InRange(times[0], 1, 6 * 60); // the seconds compacted away are forgotten too
    }

    // Updates one key every second of the clock for `span`.
    static async Task WriteForAsync(IStore store, FakeTimeProvider clock, TimeSpan span)
    {
        for (var s = 0; s < span.TotalSeconds; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var current = await store.GetAsync("/registry/pods/ns/ticker", Ct);
            if (current is null) await store.CreateAsync("/registry/pods/ns/ticker", [0], Ct);
            else await store.UpdateAsync(current.Key, [(byte)s], current.ModRevision, Ct);
        }
    }
}
