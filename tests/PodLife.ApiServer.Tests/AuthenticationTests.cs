using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Bearer tokens as kube-apiserver with --anonymous-auth=false; node tokens scoped like the Node authorizer.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiServerFixture.StartAsync();
        using var admin = _api.Http;
        await Raw.PostAsync(admin, "/api/v1/namespaces/default/pods", Raw.PodJson("on-n1", node: "n1"));
        await Raw.PostAsync(admin, "/api/v1/namespaces/default/pods", Raw.PodJson("on-n2", node: "n2"));
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task WithoutAValidTokenEveryPathIs401Unauthorized(string? token)
    {
        using var http = _api.HttpWithToken(token);
        foreach (var path in new[] { "/api/v1/pods", "/version", "/healthz", "/api" })
        {
            var answer = await Raw.GetAsync(http, path);
            Assert.Equal(401, answer.Code);
            Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""", answer.Body);
        }
    }

    [Fact]
    public async Task ANodeMayWriteTheStatusOfItsOwnPodButNotOfAnotherNodesPod()
    {
        using var n1 = _api.HttpWithToken(_api.Host.Tokens.NodeToken("n1"));
        const string status = """{"status":{"phase":"Running"}}""";

        var own = await Raw.SendAsync(n1, HttpMethod.Patch, "/api/v1/namespaces/default/pods/on-n1/status", status, "application/merge-patch+json");
        Assert.Equal(200, own.Code);
        Assert.Equal("Running", own.Json["status"]!["phase"]!.GetValue<string>());

        var other = await Raw.SendAsync(n1, HttpMethod.Patch, "/api/v1/namespaces/default/pods/on-n2/status", status, "application/merge-patch+json");
        Assert.Equal(403, other.Code);
        Assert.Equal("Forbidden", other.Reason);
        Assert.StartsWith("pods \"on-n2\" is forbidden: User \"system:node:n1\" cannot patch resource \"pods/status\" in API group \"\" in the namespace \"default\"", other.Message);
    }

    [Fact]
    public async Task ANodeMayNotProxyToAPodEvenOneBoundToIt()
    {
        using var n1 = _api.HttpWithToken(_api.Host.Tokens.NodeToken("n1"));

        var answer = await Raw.GetAsync(n1, "/api/v1/namespaces/default/pods/on-n1/proxy/");

        Assert.Equal(403, answer.Code);
        Assert.StartsWith("pods \"on-n1\" is forbidden: User \"system:node:n1\" cannot get resource \"pods/proxy\" in API group \"\" in the namespace \"default\"", answer.Message);
    }

    [Fact]
    public async Task ANodeMayReadEverythingButNotCreatePodsOrTouchOtherNodes()
    {
        using var n1 = _api.HttpWithToken(_api.Host.Tokens.NodeToken("n1"));
        Assert.Equal(200, (await Raw.GetAsync(n1, "/api/v1/pods")).Code);
        Assert.Equal(403, (await Raw.PostAsync(n1, "/api/v1/namespaces/default/pods", Raw.PodJson("sneaky"))).Code);
        Assert.Equal(201, (await Raw.PostAsync(n1, "/api/v1/nodes", """{"metadata":{"name":"n1"}}""")).Code);
        Assert.Equal(403, (await Raw.PostAsync(n1, "/api/v1/nodes", """{"metadata":{"name":"n2"}}""")).Code);
        Assert.Equal(201, (await Raw.PostAsync(n1, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", """{"metadata":{"name":"n1"}}""")).Code);
        Assert.Equal(403, (await Raw.PostAsync(n1, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", """{"metadata":{"name":"n2"}}""")).Code);
    }

    [Fact]
    public async Task NodeTokensAreKeptInTheTokenFileAcrossRestarts()
    {
        var token = _api.Host.Tokens.NodeToken("n7");
        Assert.Equal(token, _api.Host.Tokens.NodeToken("n7"));
        var reloaded = PodLife.ApiServer.Security.TokenFile.LoadOrCreate(Path.Combine(_api.DataDir, "tokens.csv"));
        Assert.Equal("system:node:n7", reloaded.Authenticate(token)?.Name);
        Assert.Equal(_api.Host.AdminToken, reloaded.AdminToken);
    }
}
