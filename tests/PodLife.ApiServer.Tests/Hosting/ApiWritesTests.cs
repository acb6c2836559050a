using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Core.Client;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Hosting;

/// <summary>
/// Writes whose answer is skipped (<see cref="ApiWrites"/>) reach the same endpoints as the typed client's operations,
/// with the same patch content types, and fail with the same <see cref="HttpOperationException"/>.
/// </summary>
public sealed class ApiWritesTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;
    Kubernetes _client = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiServerFixture.StartAsync();
        _client = new(KubernetesClientConfiguration.BuildConfigFromConfigObject(_api.Host.AdminKubeconfig()), _api.Host.CreateInProcessHandler());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch)]
    [InlineData(V1Patch.PatchType.StrategicMergePatch)]
    public async Task APodStatusPatchIsWritten(V1Patch.PatchType type)
    {
        await _client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("p"), "default", cancellationToken: Ct);

        await ApiWrites.PatchPodStatusAsync(_client, new V1Patch("""{"status":{"phase":"Running","podIP":"10.0.0.7"}}""", type), "default", "p", Ct);

        var pod = await _client.CoreV1.ReadNamespacedPodAsync("p", "default", cancellationToken: Ct);
        Assert.Equal(("Running", "10.0.0.7"), (pod.Status.Phase, pod.Status.PodIP));
    }

    [Fact]
    public async Task AnErrorIsTheClientsHttpOperationException()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            ApiWrites.PatchPodStatusAsync(_client, new V1Patch("""{"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch), "default", "missing", Ct));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("pods \\\"missing\\\" not found", e.Response.Content);
    }

    [Fact]
    public async Task APodIsDeletedWithItsPreconditionAndGracePeriod()
    {
        var created = await _client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("gone"), "default", cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ApiWrites.DeletePodAsync(_client, "default", "gone",
            new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = "another-uid" } }, ct: Ct));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);

        await ApiWrites.DeletePodAsync(_client, "default", "gone",
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = created.Uid() } }, gracePeriodSeconds: 0, ct: Ct);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodAsync("gone", "default", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task ThePodsOfALabelSelectorAreDeletedTogether()
    {
        foreach (var (name, app) in new[] { ("a", "bench"), ("b", "bench"), ("c", "other") })
        {
            var pod = TestPods.Pod(name);
            pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = app };
            await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        }

        await ApiWrites.DeletePodsAsync(_client, "default", "app=bench", Ct);

        var left = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        Assert.Equal(["c"], left.Items.Select(p => p.Name()));
    }

    [Fact]
    public async Task EventsOfBothGroupsAreCreatedAndPatched()
    {
        var involved = new V1ObjectReference { Kind = "Pod", Name = "p", NamespaceProperty = "default", ApiVersion = "v1" };
        await ApiWrites.CreateCoreEventAsync(_client, new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "p.1", NamespaceProperty = "default" },
            InvolvedObject = involved, Reason = "Pulled", Message = "pulled", Type = "Normal", Count = 1,
        }, "default", Ct);
        await ApiWrites.PatchCoreEventAsync(_client, new V1Patch("""{"count":2}""", V1Patch.PatchType.MergePatch), "default", "p.1", Ct);
        await ApiWrites.CreateEventAsync(_client, new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "p.2", NamespaceProperty = "default" },
            Regarding = involved, Reason = "Scheduled", Note = "assigned", Type = "Normal", Action = "Binding",
            ReportingController = "default-scheduler", ReportingInstance = "default-scheduler-1", EventTime = DateTime.UtcNow,
        }, "default", Ct);
        await ApiWrites.PatchEventAsync(_client, new V1Patch("""{"note":"assigned again"}""", V1Patch.PatchType.MergePatch), "default", "p.2", Ct);

        Assert.Equal(2, (await _client.CoreV1.ReadNamespacedEventAsync("p.1", "default", cancellationToken: Ct)).Count);
        Assert.Equal("assigned again", (await _client.EventsV1.ReadNamespacedEventAsync("p.2", "default", cancellationToken: Ct)).Note);
    }
}
