using System.Text;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>
/// NamespaceLifecycle admission of creates, whose namespaces come from a cache kept by a store watch: writes through this
/// server and writes of another server on the same store are both seen.
/// </summary>
public sealed class NamespaceLifecycleTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    static string Namespace(string name, string extraMetadata = "") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"" + extraMetadata + "}}";

    [Fact]
    public async Task CreatesFollowNamespacesCreatedAndDeletedThroughThisServer()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("warm"))).Code); // the cache is listed
        Assert.Equal(404, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/team/pods", Raw.PodJson("a"))).Code);
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces", Namespace("team"))).Code);
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/team/pods", Raw.PodJson("a"))).Code);
        Assert.Equal(200, (await Raw.DeleteAsync(_api.Http, "/api/v1/namespaces/team")).Code);
        var after = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/team/pods", Raw.PodJson("b"));
        Assert.Equal((404, "namespaces \"team\" not found"), (after.Code, after.Message));
    }

    [Fact]
    public async Task ANamespaceWrittenByAnotherServerIsSeenAtOnceWhenNewAndSoonWhenTerminating()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("warm"))).Code);
        // Another API server on the same store: the cache has not seen it, the store lookup on a miss has.
        var created = await _api.Host.Store.CreateAsync("/registry/namespaces/elsewhere", Encoding.UTF8.GetBytes(Namespace("elsewhere")), Ct);
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/elsewhere/pods", Raw.PodJson("a"))).Code);

        var terminating = Namespace("elsewhere", ",\"deletionTimestamp\":\"2026-11-01T12:00:00Z\"");
        await _api.Host.Store.UpdateAsync("/registry/namespaces/elsewhere", Encoding.UTF8.GetBytes(terminating), created.ModRevision, Ct);
        var answer = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/elsewhere/pods", Raw.PodJson("b-0"));
        for (var i = 1; i < 100 && answer.Code != 403; i++)
        {
            await Task.Delay(50, Ct);
            answer = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/elsewhere/pods", Raw.PodJson($"b-{i}"));
        }
        Assert.Equal((403, "pods is forbidden: unable to create new content in namespace elsewhere because it is being terminated"),
            (answer.Code, answer.Message));
    }
}
