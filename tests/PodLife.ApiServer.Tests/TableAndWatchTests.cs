using System.Text.Json.Nodes;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Table output (what kubectl get asks for), watch streams as tables, bookmarks, paging and namespace deletion.</summary>
public sealed class TableAndWatchTests : RawApiTests
{
    const string Pods = "/api/v1/namespaces/default/pods";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override Task<ApiServerFixture> StartAsync() => ApiServerFixture.StartAsync(bookmarkInterval: TimeSpan.FromSeconds(10));

    protected override async Task SeedAsync()
    {
        foreach (var name in new[] { "a", "b", "c" }) await Raw.PostAsync(Http, Pods, Raw.PodJson(name, extraMetadata: ",\"labels\":{\"app\":\"" + name + "\"}"));
    }

    [Theory]
    [InlineData("", "PartialObjectMetadata")]
    [InlineData("&includeObject=Object", "Pod")]
    [InlineData("&includeObject=None", null)]
    public async Task APodTableHasKubectlsColumnsAndTheAskedForObject(string include, string? objectKind)
    {
        var table = (await Raw.GetAsync(Http, $"{Pods}?limit=500{include}", Raw.TableAccept)).Json;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        var columns = table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], columns);
        var row = table["rows"]![0]!;
        Assert.Equal(["a", "0/1", "Pending", "0", "0s", "<none>", "<none>", "<none>", "<none>"], row["cells"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(objectKind, row["object"]?["kind"]?.GetValue<string>());
        if (objectKind is null) return;
        var metadata = row["object"]!["metadata"]!;
        Assert.Equal(["a", "default", "a"], new[] { "name", "namespace" }.Select(f => metadata[f]!.GetValue<string>()).Append(metadata["labels"]!["app"]!.GetValue<string>()));
        Assert.Matches("^[0-9]+$", metadata["resourceVersion"]!.GetValue<string>());
        // The whole metadata, resourceVersion included, as a GET of the pod shows it.
        var pod = (await Raw.GetAsync(Http, $"{Pods}/a")).Json;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(pod["metadata"], metadata), $"{pod["metadata"]}\n{metadata}");
    }

    [Fact]
    public async Task AFinishedPodsRowCarriesTheCompletedConditionAndARunningPodsNone()
    {
        await Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/b/status", "{\"status\":{\"phase\":\"Failed\"}}", "application/merge-patch+json");
        var rows = (await Raw.GetAsync(Http, Pods, Raw.TableAccept)).Json["rows"]!.AsArray();
        Assert.Null(rows[0]!["conditions"]);
        var failed = rows[1]!["conditions"]!.AsArray().Single()!;
        Assert.Equal(["Completed", "True", "Failed", "The pod failed."],
            new[] { "type", "status", "reason", "message" }.Select(f => failed[f]!.GetValue<string>()));
    }

    [Fact]
    public async Task PagingWithLimitAndContinueReturnsEveryPodOnceFromOneSnapshot()
    {
        var first = (await Raw.GetAsync(Http, $"{Pods}?limit=2")).Json;
        Assert.Equal(["a", "b"], Names(first));
        Assert.Equal(1, first["metadata"]!["remainingItemCount"]!.GetValue<long>());
        await Raw.PostAsync(Http, Pods, Raw.PodJson("d")); // not in the first page's snapshot
        var token = Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>());
        var second = (await Raw.GetAsync(Http, $"{Pods}?limit=2&continue={token}")).Json;
        Assert.Equal(["c"], Names(second));
        Assert.Null(second["metadata"]!["continue"]);
    }

    [Fact]
    public async Task EveryPageCountsTheItemsLeftInItsSnapshotThoughTheStoreChanges()
    {
        var page = (await Raw.GetAsync(Http, $"{Pods}?limit=1")).Json;
        var seen = new List<(string Name, long? Remaining)>();
        while (true)
        {
            seen.Add((Names(page).Single(), page["metadata"]!["remainingItemCount"]?.GetValue<long>()));
            await Raw.PostAsync(Http, Pods, Raw.PodJson($"later-{seen.Count}")); // after the snapshot: neither listed nor counted
            if (page["metadata"]!["continue"]?.GetValue<string>() is not { } token) break;
            page = (await Raw.GetAsync(Http, $"{Pods}?limit=1&continue={Uri.EscapeDataString(token)}")).Json;
        }
        Assert.Equal([("a", 2), ("b", 1), ("c", null)], seen);
    }

    [Theory]
    [InlineData("app%21%3Db", 1, "a|c")] // the second page starts after a non-matching row
    [InlineData("app%21%3Da", 1, "b|c")] // a round reads two rows and stops at the first match
    [InlineData("app%21%3Da", 5, "b,c")]
    [InlineData("app%3Dnone", 1, "")]
    public async Task AFilteredListPagesThroughEveryMatchOnce(string selector, int limit, string expected)
    {
        var pages = new List<string>();
        var page = (await Raw.GetAsync(Http, $"{Pods}?labelSelector={selector}&limit={limit}")).Json;
        while (true)
        {
            Assert.Null(page["metadata"]!["remainingItemCount"]); // not counted under a selector, as kube-apiserver
            pages.Add(string.Join(',', Names(page)));
            if (page["metadata"]!["continue"]?.GetValue<string>() is not { } token) break;
            page = (await Raw.GetAsync(Http, $"{Pods}?labelSelector={selector}&limit={limit}&continue={Uri.EscapeDataString(token)}")).Json;
        }
        Assert.Equal(expected, string.Join('|', pages));
    }

    static List<string> Names(JsonObject list) => [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    [Fact]
    public async Task ALabelSelectedWatchSeesAPodLeaveItsSelectionAsDeleted()
    {
        var rv = (await Raw.GetAsync(Http, Pods)).Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watch = await OpenWatchAsync($"{Pods}?watch=true&labelSelector=app%3Da&resourceVersion={rv}");
        await Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/a", """{"metadata":{"labels":{"app":"z"}}}""", "application/merge-patch+json");
        var e = await watch.NextAsync();
        Assert.Equal("DELETED", e["type"]!.GetValue<string>());
        Assert.Equal("z", e["object"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATableWatchSendsRowsWithColumnsOnlyInTheFirstEvent()
    {
        var watch = await OpenWatchAsync($"{Pods}?watch=true", Raw.TableAccept);
        var first = await watch.NextAsync();
        Assert.Equal("Table", first["object"]!["kind"]!.GetValue<string>());
        Assert.NotNull(first["object"]!["columnDefinitions"]);
        var second = await watch.NextAsync();
        Assert.Null(second["object"]!["columnDefinitions"]);
        Assert.Equal("b", second["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AQuietWatchGetsABookmarkWithTheLastResourceVersionWhenItAskedForBookmarks()
    {
        var rv = (await Raw.GetAsync(Http, Pods)).Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watch = await OpenWatchAsync($"{Pods}?watch=true&allowWatchBookmarks=true&resourceVersion={rv}");
        var next = watch.NextAsync();
        // The bookmark timer runs on the server's fake clock: advance it until the bookmark arrives.
        while (!next.IsCompleted)
        {
            Api.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(next, Task.Delay(50, Ct));
        }
        var e = await next;
        Assert.Equal("BOOKMARK", e["type"]!.GetValue<string>());
        Assert.Equal(rv, e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWatchFromACompactedResourceVersionEndsWithAnExpiredError()
    {
        var rv = await Api.Host.Store.CurrentRevisionAsync(Ct);
        await Api.Host.Store.CompactAsync(rv, Ct);
        var watch = await OpenWatchAsync($"{Pods}?watch=true&resourceVersion=1");
        var e = await watch.NextAsync();
        Assert.Equal("ERROR", e["type"]!.GetValue<string>());
        Assert.Equal(410, e["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", e["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 1 (", e["object"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletingANamespaceDeletesWhatIsInIt()
    {
        Assert.Equal(201, (await Raw.PostAsync(Http, "/api/v1/namespaces", """{"metadata":{"name":"team"}}""")).Code);
        await Raw.PostAsync(Http, "/api/v1/namespaces/team/pods", Raw.PodJson("p"));
        Assert.Equal(200, (await Raw.GetAsync(Http, "/api/v1/namespaces/team/serviceaccounts/default")).Code);
        Assert.Equal(200, (await Raw.DeleteAsync(Http, "/api/v1/namespaces/team")).Code);
        Assert.Equal(404, (await Raw.GetAsync(Http, "/api/v1/namespaces/team")).Code);
        Assert.Empty((await Raw.GetAsync(Http, "/api/v1/pods?fieldSelector=metadata.namespace%3Dteam")).Json["items"]!.AsArray());
    }

    async Task<WatchReader> OpenWatchAsync(string path, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return new WatchReader(new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
    }

    sealed class WatchReader(StreamReader reader)
    {
        public async Task<JsonObject> NextAsync()
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            cts.CancelAfter(TimeSpan.FromSeconds(20));
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
            return JsonNode.Parse(line)!.AsObject();
        }
    }
}
