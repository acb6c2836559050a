using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Controllers.RootCa;
using PodLife.Controllers.Service;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Tests.Fakes;
using PodLife.Testing;

namespace PodLife.Controllers.Tests;

// The root CA publisher against the real API server in-process: every namespace gets kube-root-ca.crt and keeps it.
public sealed class RootCaPublisherIntegrationTests : IAsyncLifetime
{
    const string Ca = "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n";
    ApiServerFixture _server = null!;
    readonly CancellationTokenSource _stop = new();
    RootCaPublisher? _publisher;

    public async ValueTask InitializeAsync() => _server = await ApiServerFixture.StartAsync();

    async Task<string?> CaInAsync(string ns)
    {
        try
        {
            var cm = await _server.Client.CoreV1.ReadNamespacedConfigMapAsync(RootCaConfigMap.Name, ns);
            return cm.Data is { } data && data.TryGetValue("ca.crt", out var ca) ? ca : null;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task EveryNamespaceGetsTheConfigMapAndADeletedOrChangedOneIsWrittenBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _server.Client;
        var elector = new LeaderElector(new KubernetesClusterApi(client), new LeaderElectionOptions { Enabled = false }, _server.Clock, NullLogger<LeaderElector>.Instance);
        _publisher = new RootCaPublisher(client, Ca, new ControllersOptions(), elector, _server.Clock, NullLogger<RootCaPublisher>.Instance);
        await _publisher.StartAsync(_stop.Token);

        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            await Eventually.True(async () => await CaInAsync(ns) == Ca, $"kube-root-ca.crt in {ns}");

        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } }, cancellationToken: ct);
        await Eventually.True(async () => await CaInAsync("team-a") == Ca, "kube-root-ca.crt in a new namespace");

        await client.CoreV1.DeleteNamespacedConfigMapAsync(RootCaConfigMap.Name, "team-a", cancellationToken: ct);
        await Eventually.True(async () => await CaInAsync("team-a") == Ca, "kube-root-ca.crt created again after a delete");

        var cm = await client.CoreV1.ReadNamespacedConfigMapAsync(RootCaConfigMap.Name, "team-a", cancellationToken: ct);
        cm.Data["ca.crt"] = "tampered";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, RootCaConfigMap.Name, "team-a", cancellationToken: ct);
        await Eventually.True(async () => await CaInAsync("team-a") == Ca, "kube-root-ca.crt restored after a change");
        var restored = await client.CoreV1.ReadNamespacedConfigMapAsync(RootCaConfigMap.Name, "team-a", cancellationToken: ct);
        Assert.Equal(RootCaConfigMap.Description, restored.Metadata.Annotations[RootCaConfigMap.DescriptionAnnotation]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_publisher is not null)
        {
            await _publisher.StopAsync(CancellationToken.None);
            _publisher.Dispose();
        }
        _stop.Dispose();
        await _server.DisposeAsync();
    }
}
