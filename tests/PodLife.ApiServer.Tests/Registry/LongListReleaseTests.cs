using System.Text;
using PodLife.ApiServer.Hosting;
using PodLife.ApiServer.Registry;
using PodLife.Store;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>
/// A list of more than ~8,000 items is gathered in arrays on the large object heap, which only a full collection frees:
/// until one, everything such an array points to survives every young collection as if alive, and those collections
/// copy it all. So the server lets go of a list's items once it has used them: the store's page once its items are
/// wrapped, the answered page once it is written.
/// </summary>
public sealed class LongListReleaseTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/json", "")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io", "")]
    [InlineData("application/json", "?limit=500")]
    [InlineData("application/json", "?labelSelector=app%3Dweb")]
    public async Task TheStoresPagesAreEmptiedOnceTheListIsAnswered(string accept, string query)
    {
        var store = new PageKeepingStore();
        for (var i = 0; i < 1_000; i++)
            await store.Inner.CreateAsync($"/registry/pods/default/p{i:D4}", PodBytes($"p{i:D4}"), Ct);
        var dataDir = Directory.CreateTempSubdirectory("podlife-api-").FullName;
        try
        {
            await using var host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDir = dataDir, Port = 0, Store = store }, Ct);
            using var http = host.CreateHttpClient(host.AdminToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/pods" + query);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);

            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("p0499", body);
            var pages = store.PodPages();
            Assert.NotEmpty(pages);
            Assert.All(pages, page => Assert.Empty(page));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void AReleasedPageHoldsNoItem()
    {
        var page = new ListPage([StoredObject.FromStore(ResourceCatalog.Create().Find("", "v1", "pods")!, new KeyValue("/registry/pods/default/a", PodBytes("a"), 1, 1))], 1, null, null);
        var result = new ListResult([new KeyValue("/registry/pods/default/a", PodBytes("a"), 1, 1)], 1, null, null);

        page.Release();
        result.Release();

        Assert.Empty(page.Items);
        Assert.Empty(result.Items);
    }

    static byte[] PodBytes(string name) => Encoding.UTF8.GetBytes(
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default","uid":"u-{{{name}}}","labels":{"app":"web"},"creationTimestamp":"2026-11-01T12:00:00Z"},"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]},"status":{"phase":"Pending"}}""");

    /// <summary>Keeps every page of pods it hands out, to see what the server left in it.</summary>
    sealed class PageKeepingStore : MemoryStoreFake
    {
        readonly List<List<KeyValue>> _pages = [];

        public override async ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
        {
            var result = await Inner.ListAsync(prefix, options, ct);
            if (prefix.StartsWith("/registry/pods/", StringComparison.Ordinal))
                lock (_pages) _pages.Add(result.Items);
            return result;
        }

        public List<List<KeyValue>> PodPages()
        {
            lock (_pages) return [.. _pages];
        }
    }
}
