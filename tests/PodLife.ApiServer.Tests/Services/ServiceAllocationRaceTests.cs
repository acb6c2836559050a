using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Store;
using PodLife.Testing;

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
    sealed class MeetingStore : MemoryStoreFake
    {
        readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _lists;

        public override async ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
        {
            if (prefix.StartsWith("/registry/services/", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _lists) >= 2) _second.TrySetResult();
                await Task.WhenAny(_second.Task, Task.Delay(TimeSpan.FromSeconds(1), ct));
            }
            return await base.ListAsync(prefix, options, ct);
        }
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
