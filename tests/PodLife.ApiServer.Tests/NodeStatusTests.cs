using k8s;
using k8s.Models;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Node status on create and update, as pkg/registry/core/node/strategy.go has it.</summary>
public sealed class NodeStatusTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;
    Kubernetes Client => _api.Client;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();
    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    static V1Node Node() => new()
    {
        Metadata = new V1ObjectMeta { Name = "n1" },
        Status = new V1NodeStatus
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["pods"] = new("110") },
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["pods"] = new("110") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
        },
    };

    [Fact]
    public async Task ANodeCreatedWithItsStatusKeepsIt()
    {
        // The kubelet registers its node in one create carrying capacity, allocatable and conditions.
        var created = await Client.CoreV1.CreateNodeAsync(Node(), cancellationToken: Ct);

        Assert.Equal("4", created.Status.Allocatable["cpu"].ToString());
        Assert.Equal("True", Assert.Single(created.Status.Conditions).Status);
    }

    [Fact]
    public async Task AnUpdateOfTheNodeItselfCannotChangeItsStatus()
    {
        var created = await Client.CoreV1.CreateNodeAsync(Node(), cancellationToken: Ct);
        created.Status.Allocatable["cpu"] = new ResourceQuantity("64");
        created.Spec = new V1NodeSpec { Unschedulable = true };

        var updated = await Client.CoreV1.ReplaceNodeAsync(created, "n1", cancellationToken: Ct);

        Assert.True(updated.Spec.Unschedulable);
        Assert.Equal("4", updated.Status.Allocatable["cpu"].ToString());
    }

    [Fact]
    public async Task ANodeReportingOnlyCapacityCanAllocateAllOfIt()
    {
        var node = Node();
        node.Status.Allocatable = null;

        var created = await Client.CoreV1.CreateNodeAsync(node, cancellationToken: Ct);

        Assert.Equal("4", created.Status.Allocatable["cpu"].ToString()); // SetDefaults_NodeStatus
    }

    [Fact]
    public async Task ASecretWithoutATypeIsOpaque()
    {
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["k"] = "v" } };

        var created = await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: Ct);

        Assert.Equal("Opaque", created.Type);
    }
}
