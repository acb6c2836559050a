using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Store;
using PodLife.Store.Memory;

namespace PodLife.ApiServer.Tests.Services;

/// <summary>
/// Two Service creates at once that ask for the same cluster IP: the storage lets one write at a time choose from the
/// stored Services (ResourceStrategy.ExclusiveWriteAsync), so the second sees the first and is refused.
/// </summary>
public sealed class ServiceAllocationRaceTests
{
    /// <summary>
    /// A memory store (a hand-written fake) whose lists of Services wait, up to a second, until two are under way: two
    /// creates that list side by side both read the Services before either is stored.
    /// </summary>
    sealed class MeetingStore : IStore
    {
        readonly MemoryStore _inner = new();
        readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _lists;

        public MemoryStore Inner => _inner;

        public async ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
        {
            if (prefix.StartsWith("/registry/services/", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _lists) >= 2) _second.TrySetResult();
                await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(1), ct));
            }
            return await _inner.ListAsync(prefix, options, ct);
        }

        public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default) => _inner.WriteAsync(writes, ct);
        public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) => _inner.GetAsync(key, ct);
        public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => _inner.CurrentRevisionAsync(ct);
        public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => _inner.CreateAsync(key, value, ct);
        public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) => _inner.UpdateAsync(key, value, expectedRevision, ct);
        public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => _inner.DeleteAsync(key, expectedRevision, ct);
        public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default) => _inner.WatchAsync(prefix, afterRevision, ct);
        public ValueTask CompactAsync(long revision, CancellationToken ct = default) => _inner.CompactAsync(revision, ct);
        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    static JsonObject Service(string name) => JsonNode.Parse(
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"clusterIP\":\"10.96.7.7\",\"ports\":[{\"port\":80}]}}")!.AsObject();

    [Fact]
    public async Task OfTwoCreatesAskingForOneAddressAtOnceOnlyOneGetsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = new MeetingStore();
        var storage = new ResourceStorage(store, ResourceCatalog.Create(history: false), TimeProvider.System);
        await store.Inner.CreateAsync("/registry/namespaces/default", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"},"status":{"phase":"Active"}}"""u8.ToArray(), ct);
        var services = storage.Catalog.Find("", "v1", "services")!;

        async Task<int> CreateAsync(string name)
        {
            try
            {
                await storage.CreateAsync(services, "default", Service(name), dryRun: false, ct);
                return 201;
            }
            catch (StatusException e)
            {
                return e.Code;
            }
        }
        var codes = await Task.WhenAll(CreateAsync("a"), CreateAsync("b"));

        Assert.Equal([201, 422], codes.Order());
    }
}
