using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Controllers.Service;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Tests.Fakes;
using PodLife.Testing;

namespace PodLife.Controllers.Tests.Endpoints;

// The endpoints controller against the real API server in-process: a Service's Endpoints and EndpointSlice follow its
// pods' readiness, and go with the Service.
public sealed class EndpointsControllerIntegrationTests : IAsyncLifetime
{
    ApiServerFixture _server = null!;
    readonly CancellationTokenSource _stop = new();
    EndpointsController? _controller;

    public async ValueTask InitializeAsync() => _server = await ApiServerFixture.StartAsync();

    IKubernetes Client => _server.Client;

    async Task StartControllerAsync()
    {
        var elector = new LeaderElector(new KubernetesClusterApi(Client), new LeaderElectionOptions { Enabled = false }, _server.Clock, NullLogger<LeaderElector>.Instance);
        _controller = new EndpointsController(Client, new ControllersOptions(), elector, TimeProvider.System, NullLogger<EndpointsController>.Instance);
        await _controller.StartAsync(_stop.Token);
    }

    async Task RunningPodAsync(string name, string ip, bool ready)
    {
        var ct = TestContext.Current.CancellationToken;
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 80 }] }] },
        }, "default", cancellationToken: ct);
        await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(new V1Pod
        {
            Status = new V1PodStatus
            {
                Phase = "Running", PodIP = ip, PodIPs = [new V1PodIP { Ip = ip }],
                Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = DateTime.UtcNow }],
            },
        }, V1Patch.PatchType.MergePatch), name, "default", cancellationToken: ct);
    }

    async Task<string> EndpointsTextAsync()
    {
        try
        {
            var ep = await Client.CoreV1.ReadNamespacedEndpointsAsync("web", "default");
            return string.Join(" | ", (ep.Subsets ?? []).Select(s =>
                $"ready {string.Join(",", (s.Addresses ?? []).Select(a => a.Ip))} notready {string.Join(",", (s.NotReadyAddresses ?? []).Select(a => a.Ip))} port {s.Ports?.Single().Port}"));
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return "gone";
        }
    }

    async Task<IList<V1EndpointSlice>> SlicesAsync() =>
        (await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web")).Items;

    async Task<string> SliceTextAsync() =>
        string.Join(" | ", (await SlicesAsync()).Select(s => string.Join(" ", (s.Endpoints ?? []).Select(e => $"{e.Addresses.Single()}:{e.Conditions.Ready}"))));

    [Fact]
    public async Task EndpointsFollowReadinessAndGoWithTheService()
    {
        var ct = TestContext.Current.CancellationToken;
        await RunningPodAsync("web-1", "10.244.0.11", ready: true);
        await RunningPodAsync("web-2", "10.244.0.12", ready: false);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 8080, TargetPort = "http" }] },
        }, "default", cancellationToken: ct);
        await StartControllerAsync();

        await Eventually.True(async () => await EndpointsTextAsync() == "ready 10.244.0.11 notready 10.244.0.12 port 80", "the ready pod as address, the other not ready");
        // The slice is written after the Endpoints.
        await Eventually.True(async () => await SliceTextAsync() == "10.244.0.11:True 10.244.0.12:False", "the slice lists both pods with their readiness");
        // The first sync of a Service stamps its creation time as the trigger, on the Endpoints and the slice alike.
        var created = (await Client.CoreV1.ReadNamespacedServiceAsync("web", "default", cancellationToken: ct)).Metadata.CreationTimestamp!.Value;
        var stamp = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        const string trigger = "endpoints.kubernetes.io/last-change-trigger-time";
        Assert.Equal(stamp, (await Client.CoreV1.ReadNamespacedEndpointsAsync("web", "default", cancellationToken: ct)).Metadata.Annotations[trigger]);
        Assert.Equal(stamp, (await SlicesAsync()).Single().Metadata.Annotations[trigger]);

        await Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", V1Patch.PatchType.StrategicMergePatch),
            "web-2", "default", cancellationToken: ct);
        await Eventually.True(async () => await EndpointsTextAsync() == "ready 10.244.0.11,10.244.0.12 notready  port 80", "the pod that became ready is an address");

        await Client.CoreV1.DeleteNamespacedServiceAsync("web", "default", cancellationToken: ct);
        await Eventually.True(async () => await EndpointsTextAsync() == "gone" && (await SlicesAsync()).Count == 0, "endpoints and slices go with the service");
    }

    [Fact]
    public async Task AServiceWithoutSelectorKeepsTheEndpointsItsOwnerWrites()
    {
        var ct = TestContext.Current.CancellationToken;
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 5432 }] },
        }, "default", cancellationToken: ct);
        await Client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "192.0.2.10" }], Ports = [new Corev1EndpointPort { Port = 5432 }] }],
        }, "default", cancellationToken: ct);
        await StartControllerAsync();
        await _controller!.Synced.WaitAsync(TimeSpan.FromSeconds(15), ct);
        await Task.Delay(300, ct);

        Assert.Equal("ready 192.0.2.10 notready  port 5432", await EndpointsTextAsync());
        Assert.Empty(await SlicesAsync());
    }

    [Fact]
    public async Task PastAThousandPodsTheEndpointsAreTruncatedAndMarkedAndTheSlicesSplit()
    {
        var ct = TestContext.Current.CancellationToken;
        static string Ip(int i) => $"10.244.{i / 250}.{i % 250 + 1}";
        using (var limit = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, 1005).Select(async i =>
            {
                await limit.WaitAsync(ct);
                try { await RunningPodAsync($"web-{i}", Ip(i), ready: true); }
                finally { limit.Release(); }
            }));
        }
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 8080, TargetPort = "http" }] },
        }, "default", cancellationToken: ct);
        await StartControllerAsync();

        async Task<(int Addresses, string? Mark)> EndpointsAsync()
        {
            try
            {
                var ep = await Client.CoreV1.ReadNamespacedEndpointsAsync("web", "default", cancellationToken: ct);
                return (ep.Subsets?.Sum(s => s.Addresses?.Count ?? 0) ?? 0, ep.Metadata.Annotations?.TryGetValue("endpoints.kubernetes.io/over-capacity", out var mark) == true ? mark : null);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return (-1, null); // not written yet
            }
        }
        await Eventually.True(async () => await EndpointsAsync() == (1000, "truncated"), "1,000 addresses of the 1,005, marked truncated");
        await Eventually.True(async () => string.Join(",", (await SlicesAsync()).Select(s => s.Endpoints?.Count ?? 0).Order()) == "5,100,100,100,100,100,100,100,100,100,100",
            "the 1,005 endpoints in slices of at most 100");

        foreach (var i in Enumerable.Range(0, 10)) await Client.CoreV1.DeleteNamespacedPodAsync($"web-{i}", "default", cancellationToken: ct);
        await Eventually.True(async () => await EndpointsAsync() == (995, null), "under capacity again: every address, and the mark gone");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None);
            _controller.Dispose();
        }
        _stop.Dispose();
        await _server.DisposeAsync();
    }
}
