using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Hosting;

/// <summary>
/// Our components' watch reader (<see cref="ApiWatch"/>) against the real server, in memory and over HTTPS: events in
/// order from a resourceVersion, a field selector, the Status of an ERROR event and an error answer as exceptions.
/// </summary>
public sealed class ApiWatchTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    Kubernetes InProcessClient() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigObject(_api.Host.AdminKubeconfig()), _api.Host.CreateInProcessHandler());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EventsArriveInOrderFromTheResourceVersion(bool inProcess)
    {
        using var client = inProcess ? InProcessClient() : new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(_api.Host.AdminKubeconfig()));
        var list = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("first"), "default", cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("second"), "default", cancellationToken: Ct);
        await client.CoreV1.DeleteNamespacedPodAsync("first", "default", gracePeriodSeconds: 0, cancellationToken: Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, pod) in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query(list.ResourceVersion()), timeout.Token))
        {
            seen.Add((type, pod.Name()));
            if (seen.Count == 3) break;
        }

        Assert.Equal([(WatchEventType.Added, "first"), (WatchEventType.Added, "second"), (WatchEventType.Deleted, "first")], seen);
    }

    [Fact]
    public async Task AFieldSelectorAndBookmarksAreAsked()
    {
        using var client = InProcessClient();
        var from = await CreatePodsAsync(client, "other", "wanted");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var query = ApiWatch.Query(from, "metadata.name=wanted", allowBookmarks: true);
        await foreach (var (type, pod) in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", query, timeout.Token))
        {
            Assert.Equal((WatchEventType.Added, "wanted"), (type, pod.Name()));
            break;
        }
        Assert.Equal("?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dwanted&resourceVersion=" + from + "&watch=true", query);
    }

    // Creates the pods in the default namespace; returns the resourceVersion of the list before them.
    static async Task<string> CreatePodsAsync(Kubernetes client, params string[] names)
    {
        var list = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: Ct);
        foreach (var name in names) await client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod(name), "default", cancellationToken: Ct);
        return list.ResourceVersion();
    }

    [Fact]
    public async Task ALineFilterSkipsTheEventsItRefusesAndNotAnErrorEvent()
    {
        using var client = InProcessClient();
        var from = await CreatePodsAsync(client, "skipped", "wanted");
        var lines = 0;
        bool Wanted(ReadOnlySpan<byte> line)
        {
            lines++;
            return line.IndexOf("\"wanted\""u8) >= 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var (type, pod) in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query(from), ModelJson.DecodeOptions, Wanted, timeout.Token))
        {
            Assert.Equal((WatchEventType.Added, "wanted"), (type, pod.Name()));
            break;
        }
        Assert.Equal(2, lines);

        await _api.Host.Store.CompactAsync(await _api.Host.Store.CurrentRevisionAsync(Ct), Ct);
        var e = await Assert.ThrowsAsync<KubernetesException>(async () =>
        {
            await foreach (var _ in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query("1"), ModelJson.DecodeOptions, static _ => false, Ct)) { }
        });
        Assert.Equal(410, e.Status.Code);
    }

    [Fact]
    public async Task AWatchFromACompactedResourceVersionThrowsTheExpiredStatus()
    {
        using var client = InProcessClient();
        await client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("p"), "default", cancellationToken: Ct);
        await _api.Host.Store.CompactAsync(await _api.Host.Store.CurrentRevisionAsync(Ct), Ct);

        var e = await Assert.ThrowsAsync<KubernetesException>(async () =>
        {
            await foreach (var _ in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query("1"), Ct)) { }
        });

        Assert.Equal(410, e.Status.Code);
        Assert.Equal("Expired", e.Status.Reason);
    }

    [Fact]
    public async Task AnErrorAnswerIsAnHttpOperationExceptionWithItsStatus()
    {
        using var client = InProcessClient();

        var e = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/pods", ApiWatch.Query(null, "spec.nope=x"), Ct)) { }
        });

        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", e.Response.Content);
    }
}
