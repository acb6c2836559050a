using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>The official C# client (KubernetesClient) against the real server over HTTPS with the admin token.</summary>
public sealed class OfficialClientTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;
    Kubernetes Client => _api.Client;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();
    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task TheFourStandardNamespacesExistWithADefaultServiceAccountEach()
    {
        var namespaces = await Client.CoreV1.ListNamespaceAsync(cancellationToken: Ct);
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], namespaces.Items.Select(n => n.Name()).Order());
        Assert.All(namespaces.Items, n => Assert.Equal("Active", n.Status.Phase));
        var accounts = await Client.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: Ct);
        Assert.Equal(4, accounts.Items.Count(a => a.Name() == "default"));
    }

    [Fact]
    public async Task ACreatedPodGetsUidTimestampResourceVersionAndPendingStatus()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct);
        Assert.False(string.IsNullOrEmpty(created.Uid()));
        Assert.Equal(_api.Clock.GetUtcNow().UtcDateTime, created.Metadata.CreationTimestamp);
        Assert.Equal("Pending", created.Status.Phase);
        Assert.Equal("BestEffort", created.Status.QosClass);

        var read = await Client.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct);
        Assert.Equal(created.ResourceVersion(), read.ResourceVersion());
        Assert.Equal("default", read.Spec.ServiceAccountName);
    }

    [Fact]
    public async Task CreatingAPodTwiceIsAlreadyExists()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("\"message\":\"pods \\\"web\\\" already exists\"", e.Response.Content);
        Assert.Contains("\"reason\":\"AlreadyExists\"", e.Response.Content);
    }

    [Fact]
    public async Task ReplacingWithAStaleResourceVersionIsTheConflictKubectlPrints()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct);
        created.Metadata.Labels = new Dictionary<string, string> { ["v"] = "1" };
        await Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", "default", cancellationToken: Ct);

        created.Metadata.Labels["v"] = "2"; // still carries the first resourceVersion
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on pods \\\"web\\\": the object has been modified; please apply your changes to the latest version and try again", e.Response.Content);
    }

    [Fact]
    public async Task ReplacingAPodKeepsItsStatusAndServerFields()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct);
        created.Status = new V1PodStatus { Phase = "Running" };
        created.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front" };
        var replaced = await Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", "default", cancellationToken: Ct);
        Assert.Equal("Pending", replaced.Status.Phase);
        Assert.Equal("front", replaced.Labels()["tier"]);
        Assert.Equal(created.Uid(), replaced.Uid());
        Assert.NotEqual(created.ResourceVersion(), replaced.ResourceVersion());
    }

    [Fact]
    public async Task DeletingAnUnboundPodRemovesItAtOnce()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), "default", cancellationToken: Ct);
        await Client.CoreV1.DeleteNamespacedPodAsync("web", "default", cancellationToken: Ct);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task AWatchResumedFromTheLastSeenResourceVersionMissesNothing()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("a"), "default", cancellationToken: Ct);
        var seen = await TakeAsync(list.ResourceVersion(), 1);
        Assert.Equal([(WatchEventType.Added, "a")], seen.Select(e => (e.Type, e.Pod.Name())));

        // While no one watches, two more changes happen; resuming from the last event's resourceVersion sees both.
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("b"), "default", cancellationToken: Ct);
        await Client.CoreV1.DeleteNamespacedPodAsync("a", "default", cancellationToken: Ct);
        var resumed = await TakeAsync(seen[^1].Pod.ResourceVersion(), 2);
        Assert.Equal([(WatchEventType.Added, "b"), (WatchEventType.Deleted, "a")], resumed.Select(e => (e.Type, e.Pod.Name())));
    }

    async Task<List<(WatchEventType Type, V1Pod Pod)>> TakeAsync(string resourceVersion, int count)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType, V1Pod)>();
        await foreach (var (type, pod) in Client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: resourceVersion, cancellationToken: cts.Token))
        {
            events.Add((type, pod));
            if (events.Count == count) break;
        }
        return events;
    }
}
