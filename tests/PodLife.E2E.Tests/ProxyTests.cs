using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// pods/proxy and services/proxy on `podlife up`'s simulated node, through `kubectl get --raw` and `kubectl proxy`
/// (the Kubernetes basics tutorial's way to reach a pod): the pod's own answers come back, and what cannot be reached
/// is refused with kube-apiserver's codes and words.
/// </summary>
public sealed class ProxyTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;
    static CancellationToken Token => TestContext.Current.CancellationToken;

    const string Pods = "/api/v1/namespaces/default/pods";
    const string Services = "/api/v1/namespaces/default/services";

    [Fact]
    public async Task APodAndAServiceInFrontOfItAnswerThroughTheApiServer()
    {
        var ip = await RunNginxAsync("px-web");
        Ok(await Cluster.KubectlAsync("expose", "pod", "px-web", "--name=px-svc", "--port=8080", "--target-port=80"));
        await UntilAsync(async () => (await Cluster.KubectlAsync("get", "endpoints", "px-svc", "-o", "jsonpath={.subsets[*].addresses[*].ip}")).StdOut == ip,
            "the service's endpoints list the pod");

        foreach (var path in new[]
        {
            $"{Pods}/px-web/proxy/", $"{Pods}/px-web:80/proxy/", $"{Pods}/http:px-web:80/proxy/",
            $"{Services}/px-svc/proxy/", $"{Services}/px-svc:8080/proxy/", $"{Services}/http:px-svc:8080/proxy/",
        })
        {
            Assert.Contains("<title>Welcome to nginx!</title>", Ok(await Cluster.KubectlAsync("get", "--raw", path)).StdOut, StringComparison.Ordinal);
        }
        var refused = await Cluster.KubectlAsync("get", "--raw", $"{Pods}/px-web:81/proxy/");
        var noSuchPort = await Cluster.KubectlAsync("get", "--raw", $"{Services}/px-svc:81/proxy/");

        Assert.Equal($"Error from server (ServiceUnavailable): error trying to reach service: dial tcp {ip}:81: connect: connection refused\n", refused.StdErr);
        Assert.Equal("Error from server (ServiceUnavailable): no service port 81 found for service \"px-svc\"\n", noSuchPort.StdErr);
    }

    [Fact]
    public async Task WhatCannotBeReachedIsRefusedAsKubeApiserverRefusesIt()
    {
        Ok(await Cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: px-nowhere, labels: {app: px-nowhere}}
            spec:
              nodeSelector: {disk: none}
              containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]
            """, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("create", "service", "clusterip", "px-lonely", "--tcp=80:80"));

        Assert.Equal("Error from server (BadRequest): address not allowed\n", (await Cluster.KubectlAsync("get", "--raw", $"{Pods}/px-nowhere/proxy/")).StdErr);
        Assert.Equal("Error from server (ServiceUnavailable): no endpoints available for service \"px-lonely\"\n",
            (await Cluster.KubectlAsync("get", "--raw", $"{Services}/px-lonely/proxy/")).StdErr);
        Assert.Equal("Error from server (NotFound): pods \"px-none\" not found\n", (await Cluster.KubectlAsync("get", "--raw", $"{Pods}/px-none/proxy/")).StdErr);
        Assert.Equal("Error from server (BadRequest): invalid pod request \"ftp:px-nowhere:21\"\n",
            (await Cluster.KubectlAsync("get", "--raw", $"{Pods}/ftp:px-nowhere:21/proxy/")).StdErr);
    }

    [Fact]
    public async Task KubectlProxyPassesThePodsAnswersThrough()
    {
        await RunNginxAsync("px-local");
        using var proxy = Cluster.StartKubectl("proxy", "--port=0");
        try
        {
            var served = await proxy.StandardOutput.ReadLineAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token);
            var port = Regex.Match(served ?? "", @"^Starting to serve on 127\.0\.0\.1:(\d+)$").Groups[1].Value;
            Assert.NotEmpty(port);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var bare = await http.GetAsync($"{Pods}/px-local/proxy?x=1", Token);
            using var page = await http.GetAsync($"{Pods}/px-local/proxy/", Token);
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{Pods}/px-local/proxy/"), Token);
            using var missing = await http.GetAsync($"{Pods}/px-local/proxy/nope.html", Token);

            Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
            Assert.Equal($"{Pods}/px-local/proxy/?x=1", bare.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<h1>Welcome to nginx!</h1>", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(page.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("<center><h1>404 Not Found</h1></center>", await missing.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        finally
        {
            proxy.Kill();
        }
    }

    // An nginx pod declaring port 80, Ready; returns its IP.
    async Task<string> RunNginxAsync(string name)
    {
        Ok(await Cluster.KubectlAsync("run", name, "--image=nginx", "--port=80"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"pod/{name}", "--timeout=60s"));
        return Ok(await Cluster.KubectlAsync("get", "pod", name, "-o", "jsonpath={.status.podIP}")).StdOut;
    }

    static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new Xunit.Sdk.XunitException($"never: {what}");
            await Task.Delay(200, Token);
        }
    }
}
