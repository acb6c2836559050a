using System.Net;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Hosting.InProcess;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Hosting;

/// <summary>
/// The in-process handler reaches the same request pipeline as HTTPS: same answers, same Status errors, same token
/// checks, and streaming responses (watches) that stream and end when the client lets go.
/// </summary>
public sealed class InProcessHandlerTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    HttpClient InProcess(string? token)
    {
        var http = new HttpClient(_api.Host.CreateInProcessHandler()) { BaseAddress = _api.Host.Url };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    [Fact]
    public async Task AGetAnswersExactlyAsOverHttps()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);
        using var https = _api.Http;

        var direct = await Raw.GetAsync(inProcess, "/api/v1/namespaces/default");
        var overTls = await Raw.GetAsync(https, "/api/v1/namespaces/default");

        Assert.Equal(200, direct.Code);
        Assert.Equal("application/json", direct.ContentType);
        Assert.Equal(overTls.Body, direct.Body);
    }

    [Fact]
    public async Task APostCarriesItsBodyAndHeadersAndAnswers201()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);

        var created = await Raw.PostAsync(inProcess, "/api/v1/namespaces/default/pods", Raw.PodJson("made-in-process"));
        var table = await Raw.GetAsync(inProcess, "/api/v1/namespaces/default/pods/made-in-process", accept: Raw.TableAccept);

        Assert.Equal(201, created.Code);
        Assert.Equal("made-in-process", created.Json["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(200, table.Code);
        Assert.Equal("Table", table.Json["kind"]!.GetValue<string>()); // the Accept header reached the server
    }

    [Fact]
    public async Task AMissingObjectIsA404Status()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);

        var answer = await Raw.GetAsync(inProcess, "/api/v1/namespaces/default/pods/nowhere");

        Assert.Equal(404, answer.Code);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("NotFound", answer.Reason);
        Assert.Equal("pods \"nowhere\" not found", answer.Message);
    }

    [Fact]
    public async Task ABodyShorterThanItsDeclaredLengthIsA400NotA500()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/pods")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Raw.PodJson("short"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentLength = request.Content.Headers.ContentLength + 10;

        using var response = await inProcess.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unexpected end of request content", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task WithoutAValidTokenTheAnswerIs401(string? token)
    {
        using var inProcess = InProcess(token);

        var answer = await Raw.GetAsync(inProcess, "/api/v1/pods");

        Assert.Equal(401, answer.Code);
        Assert.Equal("Unauthorized", answer.Reason);
    }

    [Fact]
    public async Task ANodeTokenIsAuthorizedAsANode()
    {
        using var admin = _api.Http;
        await Raw.PostAsync(admin, "/api/v1/namespaces/default/pods", Raw.PodJson("on-n2", node: "n2"));
        using var n1 = InProcess(_api.Host.Tokens.NodeToken("n1"));

        var answer = await Raw.SendAsync(n1, HttpMethod.Patch, "/api/v1/namespaces/default/pods/on-n2/status",
            """{"status":{"phase":"Running"}}""", "application/merge-patch+json");

        Assert.Equal(403, answer.Code);
        Assert.Equal("Forbidden", answer.Reason);
    }

    [Fact]
    public async Task AWatchStreamsAndEndsOnTheServerWhenTheClientLetsGo()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);
        using var admin = _api.Http;
        var resourceVersion = (await Raw.GetAsync(admin, "/api/v1/namespaces/default/pods")).Json["metadata"]!["resourceVersion"]!.GetValue<string>();

        var response = await inProcess.GetAsync($"/api/v1/namespaces/default/pods?watch=true&resourceVersion={resourceVersion}",
            HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the headers came before any event
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, _api.Host.InProcess.ActiveRequests);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        await Raw.PostAsync(admin, "/api/v1/namespaces/default/pods", Raw.PodJson("watched"));
        var first = await lines.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Contains("\"type\":\"ADDED\"", first);
        Assert.Contains("\"name\":\"watched\"", first);

        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            stop.CancelAfter(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lines.ReadLineAsync(stop.Token).AsTask());
        }
        Assert.Equal(1, _api.Host.InProcess.ActiveRequests); // a cancelled read leaves the watch open
        response.Dispose();
        await WaitUntilAsync(() => _api.Host.InProcess.ActiveRequests == 0);
    }

    [Fact]
    public async Task TheOfficialClientWatchesThroughIt()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(_api.Host.AdminKubeconfig());
        using var client = new Kubernetes(config, _api.Host.CreateInProcessHandler());
        var list = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var creating = Task.Run(async () =>
        {
            await WaitUntilAsync(() => _api.Host.InProcess.ActiveRequests == 1);
            await client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("seen"), "default", cancellationToken: Ct);
        }, Ct);
        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.ResourceVersion(), cancellationToken: timeout.Token))
        {
            seen.Add((type, pod.Name()));
            break;
        }
        await creating;

        Assert.Equal([(WatchEventType.Added, "seen")], seen);
        await WaitUntilAsync(() => _api.Host.InProcess.ActiveRequests == 0);
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20, Ct);
        }
    }

    [Theory]
    [InlineData("/api/v1/pods?watch=true", true)]
    [InlineData("/api/v1/namespaces/default/pods?fieldSelector=spec.nodeName%3Dn&watch=1", true)]
    [InlineData("/api/v1/namespaces/default/pods/p/log?container=c&follow=true", true)]
    [InlineData("/api/v1/namespaces/default/pods/p/log?follow=false", false)]
    [InlineData("/api/v1/pods?watch=True", true)]
    [InlineData("/api/v1/pods?watchers=true", false)]
    [InlineData("/api/v1/namespaces/default/pods/p", false)]
    [InlineData("/api/v1/pods?limit=500", false)]
    [InlineData("/api/v1/pods?WATCH=true", true)]
    [InlineData("/api/v1/pods?w%61tch=true", true)]
    public void OnlyWatchesAndFollowedLogsStream(string path, bool streams) =>
        Assert.Equal(streams, InProcessHandler.Streams(new Uri("https://127.0.0.1" + path)));

    [Fact]
    public async Task AnAnswerThatDoesNotStreamIsReadInFullBeforeItIsHandedBack()
    {
        using var inProcess = InProcess(_api.Host.AdminToken);

        using var response = await inProcess.GetAsync("/api/v1/namespaces/default", HttpCompletionOption.ResponseHeadersRead, Ct);

        // Buffered content knows its length; a body still streaming from the server would not.
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.Contains("\"name\":\"default\"", await response.Content.ReadAsStringAsync(Ct));
    }
}
