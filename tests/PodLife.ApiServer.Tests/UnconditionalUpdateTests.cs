namespace PodLife.ApiServer.Tests;

/// <summary>A PUT without resourceVersion: it writes over the stored object for the core kinds, and is refused for leases.</summary>
public sealed class UnconditionalUpdateTests : RawApiTests
{
    [Fact]
    public async Task AConfigMapReplacedWithoutAVersionTakesTheNewData()
    {
        const string path = "/api/v1/namespaces/default/configmaps/settings";
        Assert.Equal(201, (await Raw.PostAsync(Http, "/api/v1/namespaces/default/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"a"}}""")).Code);

        var replaced = await Raw.PutAsync(Http, path, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"b"}}""");

        Assert.True(replaced.Code == 200, replaced.Body);
        Assert.Equal("b", (await Raw.GetAsync(Http, path)).Json["data"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ALeaseReplacedWithoutAVersionIsRefused()
    {
        const string leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
        Assert.Equal(201, (await Raw.PostAsync(Http, leases, """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"lock"},"spec":{"holderIdentity":"a"}}""")).Code);

        var replaced = await Raw.PutAsync(Http, leases + "/lock", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"lock"},"spec":{"holderIdentity":"b"}}""");

        Assert.Equal((422, "Lease.coordination.k8s.io \"lock\" is invalid: metadata.resourceVersion: Invalid value: \"\": must be specified for an update"),
            (replaced.Code, replaced.Message));
    }
}
