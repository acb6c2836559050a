using System.Text;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Malformed and hostile requests get a 4xx Status each, never a 5xx, and change nothing in the store.</summary>
public sealed class FuzzTests : RawApiTests
{

    protected override async Task SeedAsync()
    {
        await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web"));
    }

    static readonly string[] Paths =
    [
        "/api/v1/namespaces/default/pods", "/api/v1/namespaces/default/pods/web", "/api/v1/namespaces/default/pods/web/status",
        "/api/v1/namespaces/default/pods/web/binding", "/api/v1/namespaces/default/pods/web/eviction", "/api/v1/nodes",
        "/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=1", "/api/v1/namespaces/default/pods/web/exec",
        "/api/v1/namespaces", "/api/v1/namespaces/default", "/apis/coordination.k8s.io/v1/namespaces/default/leases",
        "/apis/events.k8s.io/v1/namespaces/default/events", "/api/v1/namespaces/default/configmaps", "/api/v1/namespaces/nope/pods",
        "/api/v1/namespaces/default/pods/web/frob", "/apis/nope/v9/things", "/api/v1//pods", "/api/v1/namespaces/default/pods/a/b/c/d",
        "/api/v1/namespaces/default/pods/web/proxy/x?y=1", "/api/v1/namespaces/default/pods/a:b:c:d/proxy/",
        "/api/v1/namespaces/default/services/web/proxy", "/api/v1/nodes/n1/proxy/",
    ];

    static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "42", "\"s\"", "{\"metadata\":7}", "{\"metadata\":{\"name\":\"UPPER\"}}",
        "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[{\"name\":\"\"}]}}", "{\"kind\":\"Node\",\"apiVersion\":\"v1\"}",
        "{\"apiVersion\":\"v2\"}", "{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"abc\"}}", "{\"spec\":{\"containers\":\"x\"}}",
        "{\"metadata\":{\"name\":\"x\",\"labels\":{\"bad key!\":\"v\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
        "{\"metadata\":{\"name\":\"" + new string('a', 300) + "\"}}", "[{\"op\":\"frob\",\"path\":\"/x\"}]", "[{\"op\":\"remove\",\"path\":\"/nope/deeper\"}]",
        "{\"metadata\":{\"name\":\"x\",\"namespace\":\"other\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}",
        new string('[', 5000), "{\"a\":" + new string('{', 100), "\u0000\u0001\u0002", "{\"target\":{\"name\":\"\"}}",
        // protobuf envelopes: empty, cut short, a kind without a schema, a namespace whose metadata is broken
        "k8s\u0000", "k8s\u0000\n\u0002\n", "k8s\u0000\n\u0009\n\u0002v1\u0012\u0003Pod",
        "k8s\u0000\n\u000f\n\u0002v1\u0012\u0009Namespace\u0012\u0003\n\u0001x",
        // YAML: unclosed, a complex key, an alias to itself, an invalid name
        "a: [", "? [x]\n: y", "&a [*a]", "metadata: {name: UPPER}\nspec: {containers: [{name: c, image: i}]}",
    ];

    static readonly string[] ContentTypes =
    [
        "application/json", "text/plain", "application/xml", "application/merge-patch+json", "application/json-patch+json",
        "application/strategic-merge-patch+json", "application/apply-patch+yaml", "application/vnd.kubernetes.protobuf", "garbage",
        "application/yaml",
    ];

    static readonly string[] Queries =
    [
        "", "?labelSelector=a%20in%20(b", "?labelSelector=!!", "?fieldSelector=spec.foo%3D1", "?fieldSelector=%3D%3D",
        "?resourceVersion=abc", "?resourceVersion=-1", "?limit=-5", "?limit=abc", "?continue=notbase64", "?continue=e30%3D",
        "?watch=true&resourceVersion=xyz", "?watch=true&timeoutSeconds=abc", "?includeObject=Everything", "?gracePeriodSeconds=soon",
        "?resourceVersionMatch=Sometimes", "?dryRun=All&resourceVersion=0x10",
    ];

    [Fact]
    public async Task TenThousandMalformedRequestsGetOnly4xxAndLeaveTheStoreUnchanged()
    {
        var before = await RevisionAsync();
        var random = new Random(20261125);
        // DELETE is left out: an unknown field in DeleteOptions is ignored, as in kube-apiserver, so many deletes are valid.
        HttpMethod[] methods = [HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Get];
        var failures = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var method = methods[random.Next(methods.Length)];
            var path = Paths[random.Next(Paths.Length)] + Queries[random.Next(Queries.Length)];
            var body = method == HttpMethod.Get ? null : Bodies[random.Next(Bodies.Length)];
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            var answer = await Raw.SendAsync(Http, method, path, body, contentType);
            var now = await RevisionAsync();
            // A rejected request must leave the store as it was; one that happens to be valid (e.g. a namespace
            // body that ignores unknown fields) may write, as in kube-apiserver.
            if (now != before && answer.Code >= 300) failures.Add($"wrote: {method} {path} [{contentType}] {Short(body)} -> {answer.Code}");
            before = now;
            // A request that happens to be valid (a GET of an existing thing) may succeed; none may fail on the server's side.
            if (answer.Code >= 500 || (answer.Code >= 400 && answer.ContentType != "application/json"))
                failures.Add($"{method} {path} [{contentType}] {Short(body)} -> {answer.Code} {Short(answer.Body)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
        Assert.Equal(before, await RevisionAsync());
        Assert.Equal("ok", (await Raw.GetAsync(Http, "/healthz")).Body);
    }

    // The store's revision once the history a valid pod write recorded is written too: its timeline's write, due a
    // moment later, is that request's, and must not be taken for a later one's.
    async Task<long> RevisionAsync()
    {
        await Api.Host.History.FlushAsync(TestContext.Current.CancellationToken);
        return await Api.Host.Store.CurrentRevisionAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default", 403, "namespaces \"default\" is forbidden: this namespace may not be deleted")]
    [InlineData("/api/v1/namespaces/kube-system", 403, "namespaces \"kube-system\" is forbidden: this namespace may not be deleted")]
    [InlineData("/api/v1/namespaces", 405, "the server does not allow this method on the requested resource")]
    [InlineData("/api/v1/namespaces/default/pods?continue=notbase64", 400, "continue key is not valid")]
    [InlineData("/api/v1/namespaces/default/pods/web?gracePeriodSeconds=soon", 400, "gracePeriodSeconds: Invalid value: \"soon\"")]
    [InlineData("/api/v1/namespaces/default/pods/web?propagationPolicy=Later", 422,
        "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Later\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]
    [InlineData("/api/v1/namespaces/default/pods/web?propagationPolicy=Orphan&orphanDependents=true", 422,
        "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Invalid value: \"Orphan\": orphanDependents and deletionPropagation cannot be both set")]
    [InlineData("/api/v1/namespaces/default/pods?propagationPolicy=nil", 422,
        "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"nil\"")]
    public async Task DeletesThatCannotBeDoneAreRefused(string path, int code, string message)
    {
        var answer = await Raw.DeleteAsync(Http, path);
        Assert.Equal(code, answer.Code);
        Assert.StartsWith(message, answer.Message);
        Assert.Equal(200, (await Raw.GetAsync(Http, "/api/v1/namespaces/default/pods/web")).Code);
    }

    [Fact]
    public async Task ADeleteBodyWithAnUnknownPropagationPolicyIsRefusedAndAKnownOneAccepted()
    {
        var refused = await Raw.DeleteAsync(Http, "/api/v1/namespaces/default/pods/web",
            """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Sideways"}""");
        Assert.Equal((422, "Invalid"), (refused.Code, refused.Reason));
        Assert.Equal(200, (await Raw.GetAsync(Http, "/api/v1/namespaces/default/pods/web")).Code);

        var accepted = await Raw.DeleteAsync(Http, "/api/v1/namespaces/default/pods/web",
            """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background","gracePeriodSeconds":0}""");
        Assert.Equal(200, accepted.Code);
    }

    [Fact]
    public async Task ADeleteBodyOfAnotherKindIsRefused()
    {
        var answer = await Raw.DeleteAsync(Http, "/api/v1/namespaces/default/pods/web", """{"kind":"Node","apiVersion":"v1"}""");
        Assert.Equal(400, answer.Code);
        Assert.Equal(200, (await Raw.GetAsync(Http, "/api/v1/namespaces/default/pods/web")).Code);
    }

    [Fact]
    public async Task OversizedBodiesAndPatchesAreRefusedAsTooLarge()
    {
        var huge = "{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + new string('x', 4 * 1024 * 1024) + "\"}}}";
        var create = await Raw.PostAsync(Http, "/api/v1/namespaces/default/configmaps", huge);
        Assert.Equal((413, "RequestEntityTooLarge"), (create.Code, create.Reason));

        var operations = string.Join(",", Enumerable.Repeat("{\"op\":\"test\",\"path\":\"/kind\",\"value\":\"Pod\"}", JsonPatchLimit + 1));
        var patch = await Raw.SendAsync(Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/web", $"[{operations}]", "application/json-patch+json");
        Assert.Equal((413, "RequestEntityTooLarge", $"The allowed maximum operations in a JSON patch is {JsonPatchLimit}, got {JsonPatchLimit + 1}"),
            (patch.Code, patch.Reason, patch.Message));
    }

    // maxJSONPatchOperations in k8s.io/apiserver/pkg/endpoints/handlers/patch.go
    const int JsonPatchLimit = 10_000;

    static string Short(string? s) => s is null ? "" : s.Length > 80 ? s[..80] + "…" : s;

    [Fact]
    public async Task RandomBytesAsBodiesAreRejectedWithoutAServerError()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 512)];
            random.NextBytes(bytes);
            var answer = await Raw.SendAsync(Http, HttpMethod.Post, "/api/v1/namespaces/default/pods", Encoding.Latin1.GetString(bytes));
            Assert.InRange(answer.Code, 400, 499);
        }
    }
}
