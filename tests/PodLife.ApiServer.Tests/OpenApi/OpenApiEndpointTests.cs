using System.Net;
using System.Net.Http.Headers;
using PodLife.ApiServer.OpenApi;

namespace PodLife.ApiServer.Tests.OpenApi;

public class OpenApiEndpointTests : IAsyncLifetime
{
    OpenApiTestServer _server = null!;
    HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await OpenApiTestServer.StartAsync();
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.Url) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    Task<HttpResponseMessage> Get(string path, string? accept = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DocumentsAreServedAsJsonWithAnETagThatAnswersNotModified()
    {
        var first = await Get("/openapi/v2", "application/json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        var etag = first.Headers.ETag!.ToString();
        Assert.Equal($"\"{OpenApiDocuments.V2.Hash}\"", etag);

        Assert.Equal(HttpStatusCode.NotModified, (await Get("/openapi/v2", "application/json", etag)).StatusCode);
    }

    [Fact]
    public async Task AProtobufOnlyRequestIsNotAcceptable()
    {
        // kubectl asks /openapi/v2 for protobuf only; 406 makes it print "the server was unable to respond with a
        // content type that the client supports" for explain --output=plaintext-openapiv2, and nothing else needs v2.
        var response = await Get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("\"reason\":\"NotAcceptable\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AStaleHashRedirectsToTheCurrentDocumentAndTheCurrentOneIsImmutable()
    {
        var hash = OpenApiDocuments.V3["api/v1"].Hash;
        var stale = await Get("/openapi/v3/api/v1?hash=0000");
        Assert.Equal(HttpStatusCode.MovedPermanently, stale.StatusCode);
        Assert.Equal($"/openapi/v3/api/v1?hash={hash}", stale.Headers.Location?.ToString());

        var current = await Get($"/openapi/v3/api/v1?hash={hash}");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Contains("immutable", current.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AnUnknownGroupVersionIsNotFound()
    {
        var response = await Get("/openapi/v3/apis/apps/v1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
