using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Errors are metav1.Status objects with kube-apiserver's code, reason and wording.</summary>
public sealed class ErrorStatusTests : RawApiTests
{

    protected override async Task SeedAsync()
    {
        await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web"));
    }

    // Messages as kube-apiserver v1.32 words them (k8s.io/apimachinery/pkg/api/errors, handlers, pod strategy).
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods/nope", null, "application/json", 404, "NotFound", "pods \"nope\" not found")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "WEB", "application/json", 409, "AlreadyExists", "pods \"web\" already exists")]
    [InlineData("POST", "/api/v1/namespaces/nope/pods", "x", "application/json", 404, "NotFound", "namespaces \"nope\" not found")]
    [InlineData("GET", "/api/v1/frobs", null, "application/json", 404, "NotFound", "the server could not find the requested resource")]
    [InlineData("GET", "/apis/coordination.k8s.io/v1/namespaces/default/leases/l1", null, "application/json", 404, "NotFound", "leases.coordination.k8s.io \"l1\" not found")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "{bad", "application/json", 400, "BadRequest", "couldn't get version/kind; json parse error")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "x", "text/plain", 415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json")]
    [InlineData("PATCH", "/api/v1/namespaces/default/pods/web", "{}", "text/plain", 415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods", "{}", "application/json", 405, "MethodNotAllowed", "the server does not allow this method on the requested resource")]
    [InlineData("GET", "/api/v1/pods?labelSelector=a%20in%20(b", null, "application/json", 400, "BadRequest", "unable to parse requirement")]
    [InlineData("GET", "/api/v1/pods?fieldSelector=spec.foo%3D1", null, "application/json", 400, "BadRequest", "field label not supported: spec.foo")]
    [InlineData("GET", "/api/v1/pods?resourceVersion=abc", null, "application/json", 400, "BadRequest", "invalid resource version")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods/other", "WEB", "application/json", 400, "BadRequest", "the name of the object (web) does not match the name on the URL (other)")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", """{"metadata":{"name":"a"},"spec":{"containers":"x"}}""", "application/json", 400, "BadRequest", "Pod in version \"v1\" cannot be handled as a Pod")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", """{"kind":"Node","apiVersion":"v1","metadata":{"name":"a"}}""", "application/json", 400, "BadRequest", "the kind in the data (Node) does not match the expected kind (Pod)")]
    public async Task MalformedAndMissingThingsGetKubeApiserversStatus(string method, string path, string? body, string contentType, int code, string reason, string message)
    {
        body = body switch { "WEB" => Raw.PodJson("web"), "x" => body == "x" && contentType == "application/json" ? Raw.PodJson("x") : body, _ => body };
        var answer = await Raw.SendAsync(Http, new HttpMethod(method), path, body, contentType);
        Assert.Equal(code, answer.Code);
        Assert.Equal("application/json", answer.ContentType);
        var status = answer.Json;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Equal(reason, answer.Reason);
        Assert.StartsWith(message, answer.Message);
    }

    [Fact]
    public async Task ABodyThatDoesNotFitTheModelNamesThePathWithoutTheDecodersPosition()
    {
        var answer = await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", """{"metadata":{"name":"a"},"spec":{"containers":"x"}}""");

        Assert.Equal(400, answer.Code);
        Assert.EndsWith("Path: $.spec.containers", answer.Message);
    }

    [Fact]
    public async Task AnInvalidPodIsA422WithTheFieldCauses()
    {
        var answer = await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods",
            """{"metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"c"}]}}""");
        Assert.Equal(422, answer.Code);
        Assert.Equal("Invalid", answer.Reason);
        Assert.StartsWith("Pod \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", answer.Message);
        Assert.Contains("spec.containers[0].image: Required value", answer.Message);
        var fields = answer.Json["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("spec.containers[0].image", fields);
    }

    [Fact]
    public async Task ABodyLargerThanThreeMebibytesIsRejectedWith413()
    {
        var huge = Raw.PodJson("big", extraMetadata: $",\"annotations\":{{\"a\":\"{new string('x', 3 * 1024 * 1024)}\"}}");
        var answer = await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", huge);
        Assert.Equal(413, answer.Code);
        Assert.Equal("Request entity too large: limit is 3145728", answer.Message);
    }

    [Fact]
    public async Task UpdatingThePodSpecBeyondTheMutableFieldsIsForbidden()
    {
        var pod = (await Raw.GetAsync(Http, "/api/v1/namespaces/default/pods/web")).Json;
        pod["spec"]!["restartPolicy"] = "Never";
        var answer = await Raw.PutAsync(Http, "/api/v1/namespaces/default/pods/web", pod.ToJsonString());
        Assert.Equal(422, answer.Code);
        Assert.Contains("spec: Forbidden: pod updates may not change fields other than", answer.Message);
    }
}
