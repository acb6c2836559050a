namespace PodLife.Store.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ListPagesWithContinueTokensStayAtTheFirstPagesRevision()
    {
        for (var i = 0; i < 7; i++) await Store.CreateAsync($"{Pods}default/p{i}", V($"v{i}"));

        var first = await Store.ListAsync(Pods, new ListOptions(Limit: 3));
        Assert.Equal(["p0", "p1", "p2"], first.Items.Select(i => i.Key[^2..]));
        Assert.Equal(4, first.RemainingItemCount);
        Assert.NotNull(first.Continue);

        // Changes after the first page must not show up in later pages of the same list.
        await Store.DeleteAsync($"{Pods}default/p4", 0);
        await Store.UpdateAsync($"{Pods}default/p5", V("changed"), 0);
        await Store.CreateAsync($"{Pods}default/p9", V("new"));

        var second = await Store.ListAsync(Pods, new ListOptions(3, first.Continue, first.Revision));
        Assert.Equal(first.Revision, second.Revision);
        Assert.Equal(["p3", "p4", "p5"], second.Items.Select(i => i.Key[^2..]));
        Assert.Equal("v5", S(second.Items[2].Value));
        var third = await Store.ListAsync(Pods, new ListOptions(3, second.Continue, second.Revision));
        Assert.Equal(["p6"], third.Items.Select(i => i.Key[^2..]));
        Assert.Null(third.Continue);
        Assert.Equal(0, third.RemainingItemCount);

        var now = await Store.ListAsync(Pods, ListOptions.All);
        Assert.Equal(["p0", "p1", "p2", "p3", "p5", "p6", "p9"], now.Items.Select(i => i.Key[^2..]));
        Assert.True(now.Revision > first.Revision);
    }

    // Keys written in a shuffled order, several revisions each and some deleted: every page, and the whole list, in key
    // order, each live key once, at the revision the first page was read at.
    [Fact]
    public async Task PagesOfManyKeysWithSeveralRevisionsComeInKeyOrder()
    {
        var random = new Random(7);
        var names = Enumerable.Range(0, 120).Select(i => $"{Pods}ns{i % 3}/p{i:D3}").OrderBy(_ => random.Next()).ToList();
        foreach (var name in names) await Store.CreateAsync(name, V("1"));
        foreach (var name in names.Where((_, i) => i % 2 == 0)) await Store.UpdateAsync(name, V("2"), 0);
        var deleted = names.Where((_, i) => i % 5 == 0).ToHashSet();
        foreach (var name in deleted) await Store.DeleteAsync(name, 0);
        var expected = names.Where(n => !deleted.Contains(n)).Order(StringComparer.Ordinal).ToList();

        var paged = new List<string>();
        var page = await Store.ListAsync(Pods, new ListOptions(Limit: 7));
        paged.AddRange(page.Items.Select(i => i.Key));
        await Store.CreateAsync(Pods + "ns0/p000a", V("after the first page")); // not in this list's snapshot
        while (page.Continue is not null)
        {
            page = await Store.ListAsync(Pods, new ListOptions(7, page.Continue, page.Revision));
            Assert.True(page.Items.Count is > 0 and <= 7);
            paged.AddRange(page.Items.Select(i => i.Key));
        }

        Assert.Equal(expected, paged);
        var all = (await Store.ListAsync(Pods, ListOptions.All)).Items.Select(i => i.Key);
        Assert.Equal(expected.Append(Pods + "ns0/p000a").Order(StringComparer.Ordinal), all);
    }

    // Long pages (the SQLite store reads their values on every core) carry each key's newest value and revisions, in
    // key order, with the count of what follows.
    [Fact]
    public async Task LongPagesCarryEachKeysNewestValueAndRevisions()
    {
        var names = Enumerable.Range(0, 300).Select(i => $"{Pods}default/p{i:D3}").ToList();
        foreach (var name in names) await Store.CreateAsync(name, V($"{name} 1"));
        foreach (var name in names.Where((_, i) => i % 3 == 0)) await Store.UpdateAsync(name, V($"{name} 2"), 0);
        var expected = new List<KeyValue>();
        foreach (var name in names) expected.Add((await Store.GetAsync(name))!);

        var all = await Store.ListAsync(Pods, ListOptions.All);
        var first = await Store.ListAsync(Pods, new ListOptions(Limit: 200, CountRemaining: true));
        var rest = await Store.ListAsync(Pods, new ListOptions(200, first.Continue, first.Revision));

        Assert.Equal(expected, all.Items, KeyValueComparer.Instance);
        Assert.Equal(expected, first.Items.Concat(rest.Items), KeyValueComparer.Instance);
        Assert.Equal(100, first.RemainingItemCount);
        Assert.Null(rest.Continue);
    }

    sealed class KeyValueComparer : IEqualityComparer<KeyValue>
    {
        public static readonly KeyValueComparer Instance = new();

        public bool Equals(KeyValue? a, KeyValue? b) =>
            a is not null && b is not null && (a.Key, a.CreateRevision, a.ModRevision) == (b.Key, b.CreateRevision, b.ModRevision) && a.Value.AsSpan().SequenceEqual(b.Value);

        public int GetHashCode(KeyValue kv) => kv.Key.GetHashCode();
    }

    [Fact]
    public async Task ListAtAnOlderRevisionShowsThatSnapshot()
    {
        var a = await Store.CreateAsync(Pods + "default/a", V("a1"));
        await Store.UpdateAsync(Pods + "default/a", V("a2"), a.ModRevision);
        await Store.CreateAsync(Pods + "default/b", V("b1"));

        var old = await Store.ListAsync(Pods, new ListOptions(Revision: a.ModRevision));
        Assert.Equal(a.ModRevision, old.Revision);
        Assert.Equal([(Pods + "default/a", "a1")], old.Items.Select(i => (i.Key, S(i.Value))));
    }
}
