using System.Text;

namespace PodLife.Store.Tests.Conformance;

/// <summary>
/// The store contract, run against every backend (one subclass per backend). Tests never assume that
/// revisions are consecutive: an etcd shared with other writers advances its revision for them too.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected const string Pods = "/registry/pods/";
    IStore? _store;

    protected IStore Store => _store ?? throw new InvalidOperationException("store not open");

    /// <summary>Opens a fresh, empty store (or an isolated part of a shared one).</summary>
    protected abstract Task<IStore> OpenAsync();

    public async ValueTask InitializeAsync() => _store = await OpenAsync();

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        await CloseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what <see cref="OpenAsync"/> started besides the store (a backend process, say).</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    protected static byte[] V(string s) => Encoding.UTF8.GetBytes(s);
    protected static string S(byte[] b) => Encoding.UTF8.GetString(b);
    protected static CancellationToken Timeout(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Fact]
    public async Task CreateThenGetReturnsTheValueWithCreateAndModRevisionEqual()
    {
        var created = await Store.CreateAsync(Pods + "default/a", V("one"));
        var got = await Store.GetAsync(Pods + "default/a");
        Assert.NotNull(got);
        Assert.Equal("one", S(got.Value));
        Assert.Equal(created.ModRevision, got.ModRevision);
        Assert.Equal(got.CreateRevision, got.ModRevision);
        Assert.True(await Store.CurrentRevisionAsync() >= created.ModRevision);
        Assert.Null(await Store.GetAsync(Pods + "default/missing"));
    }

    [Fact]
    public async Task CreateOfALiveKeyFailsWithKeyExistsAndChangesNothing()
    {
        var first = await Store.CreateAsync(Pods + "default/a", V("one"));
        await Assert.ThrowsAsync<KeyExistsException>(async () => await Store.CreateAsync(Pods + "default/a", V("two")));
        var got = await Store.GetAsync(Pods + "default/a");
        Assert.Equal(("one", first.ModRevision), (S(got!.Value), got.ModRevision));
    }

    [Fact]
    public async Task UpdateWithTheCurrentRevisionReplacesTheValueAndKeepsCreateRevision()
    {
        var created = await Store.CreateAsync(Pods + "default/a", V("one"));
        var updated = await Store.UpdateAsync(Pods + "default/a", V("two"), created.ModRevision);
        Assert.True(updated.ModRevision > created.ModRevision);
        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        var got = await Store.GetAsync(Pods + "default/a");
        Assert.Equal(("two", updated.ModRevision), (S(got!.Value), got.ModRevision));
        var unconditional = await Store.UpdateAsync(Pods + "default/a", V("three"), 0);
        Assert.True(unconditional.ModRevision > updated.ModRevision);
    }

    [Fact]
    public async Task UpdateWithAStaleRevisionFailsWithConflictCarryingTheCurrentValue()
    {
        var created = await Store.CreateAsync(Pods + "default/a", V("one"));
        var updated = await Store.UpdateAsync(Pods + "default/a", V("two"), created.ModRevision);
        var conflict = await Assert.ThrowsAsync<ConflictException>(async () => await Store.UpdateAsync(Pods + "default/a", V("three"), created.ModRevision));
        Assert.Equal(updated.ModRevision, conflict.Current.ModRevision);
        Assert.Equal("two", S(conflict.Current.Value));
        await Assert.ThrowsAsync<ConflictException>(async () => await Store.DeleteAsync(Pods + "default/a", created.ModRevision));
        Assert.Equal("two", S((await Store.GetAsync(Pods + "default/a"))!.Value));
    }

    [Fact]
    public async Task UpdateOrDeleteOfAMissingKeyFailsWithNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(async () => await Store.UpdateAsync(Pods + "default/x", V("v"), 0));
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(async () => await Store.DeleteAsync(Pods + "default/x", 0));
    }

    [Fact]
    public async Task DeleteRemovesTheKeyAndReturnsTheLastValueAtTheDeletionRevision()
    {
        var created = await Store.CreateAsync(Pods + "default/a", V("one"));
        var deleted = await Store.DeleteAsync(Pods + "default/a", created.ModRevision);
        Assert.True(deleted.ModRevision > created.ModRevision);
        Assert.Equal("one", S(deleted.Value));
        Assert.Null(await Store.GetAsync(Pods + "default/a"));
        Assert.Empty((await Store.ListAsync(Pods, ListOptions.All)).Items);
        var again = await Store.CreateAsync(Pods + "default/a", V("new"));
        Assert.Equal(again.ModRevision, again.CreateRevision);
    }

    [Fact]
    public async Task ListReturnsOnlyLiveKeysUnderThePrefixInKeyOrder()
    {
        foreach (var k in new[] { "ns2/b", "ns1/z", "ns1/a" }) await Store.CreateAsync(Pods + k, V(k));
        await Store.CreateAsync("/registry/services/ns1/a", V("svc"));
        await Store.CreateAsync("/registry/podsx/ns1/a", V("not a pod"));
        var gone = await Store.CreateAsync(Pods + "ns1/m", V("gone"));
        await Store.DeleteAsync(Pods + "ns1/m", gone.ModRevision);

        var all = await Store.ListAsync(Pods, ListOptions.All);
        Assert.Equal([Pods + "ns1/a", Pods + "ns1/z", Pods + "ns2/b"], all.Items.Select(i => i.Key));
        Assert.Null(all.Continue);
        Assert.Equal(0, all.RemainingItemCount);
        Assert.Equal([Pods + "ns1/a", Pods + "ns1/z"], (await Store.ListAsync(Pods + "ns1/", ListOptions.All)).Items.Select(i => i.Key));
    }
}
