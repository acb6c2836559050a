namespace PodLife.ApiServer.Tests;

/// <summary>
/// A PUT of an object that does not exist: kube's AllowCreateOnUpdate creates it for services, endpoints, events and
/// leases (201, as a POST would make it), and answers NotFound for the other kinds.
/// </summary>
public sealed class CreateOnUpdateTests : RawApiTests
{
    [Fact]
    public async Task AServicePutThatDoesNotExistIsCreatedWithAClusterIp()
    {
        const string path = "/api/v1/namespaces/default/services/web";

        var put = await Raw.PutAsync(Http, path,
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","resourceVersion":"12"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");

        Assert.True(put.Code == 201, put.Body);
        var stored = (await Raw.GetAsync(Http, path)).Json;
        Assert.False(string.IsNullOrEmpty(stored["metadata"]!["uid"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(stored["metadata"]!["creationTimestamp"]?.GetValue<string>()));
        Assert.StartsWith("10.", stored["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(80, stored["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task ALeasePutThatDoesNotExistIsCreatedAndThenNeedsItsVersion()
    {
        const string path = "/apis/coordination.k8s.io/v1/namespaces/default/leases/lock";
        const string lease = """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"lock"},"spec":{"holderIdentity":"a"}}""";

        var first = await Raw.PutAsync(Http, path, lease);
        var second = await Raw.PutAsync(Http, path, lease);

        Assert.True(first.Code == 201, first.Body);
        Assert.Equal(422, second.Code);
    }

    [Fact]
    public async Task AnEventPutThatDoesNotExistIsCreated()
    {
        var put = await Raw.PutAsync(Http, "/api/v1/namespaces/default/events/web.1",
            """{"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1"},"involvedObject":{"kind":"Pod","name":"web","namespace":"default"},"reason":"Started","message":"Started container web","type":"Normal"}""");

        Assert.True(put.Code == 201, put.Body);
        Assert.Equal(200, (await Raw.GetAsync(Http, "/apis/events.k8s.io/v1/namespaces/default/events/web.1")).Code);
    }

    [Fact]
    public async Task AConfigMapPutThatDoesNotExistIsNotFoundAndStoresNothing()
    {
        const string path = "/api/v1/namespaces/default/configmaps/settings";

        var put = await Raw.PutAsync(Http, path, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"a"}}""");

        Assert.Equal((404, "configmaps \"settings\" not found"), (put.Code, put.Message));
        Assert.Equal(404, (await Raw.GetAsync(Http, path)).Code);
    }

    [Fact]
    public async Task APodPutThatDoesNotExistIsNotFound()
    {
        var put = await Raw.PutAsync(Http, "/api/v1/namespaces/default/pods/web",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"web","image":"nginx"}]}}""");

        Assert.Equal((404, "pods \"web\" not found"), (put.Code, put.Message));
    }

    [Fact]
    public async Task AServiceStatusPutThatDoesNotExistIsNotFound()
    {
        var put = await Raw.PutAsync(Http, "/api/v1/namespaces/default/services/web/status",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");

        Assert.Equal(404, put.Code);
        Assert.Equal(404, (await Raw.GetAsync(Http, "/api/v1/namespaces/default/services/web")).Code);
    }

    [Fact]
    public async Task AnInvalidServicePutThatDoesNotExistIsRefusedAndStoresNothing()
    {
        const string path = "/api/v1/namespaces/default/services/web";

        var put = await Raw.PutAsync(Http, path, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":0}]}}""");

        Assert.Equal(422, put.Code);
        Assert.Equal(404, (await Raw.GetAsync(Http, path)).Code);
    }

    [Fact]
    public async Task ADryRunPutThatWouldCreateAnswersCreatedAndStoresNothing()
    {
        const string path = "/api/v1/namespaces/default/services/web";

        var put = await Raw.PutAsync(Http, path + "?dryRun=All",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");

        Assert.True(put.Code == 201, put.Body);
        Assert.Equal(404, (await Raw.GetAsync(Http, path)).Code);
    }
}
