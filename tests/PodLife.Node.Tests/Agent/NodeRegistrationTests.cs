using k8s;

namespace PodLife.Node.Tests.Agent;

/// <summary>Node registration and Lease renewal as kubelet does them (kubelet_node_status.go, pkg/kubelet/nodelease).</summary>
public sealed class NodeRegistrationTests
{
    [Fact]
    public async Task The_agent_registers_a_Ready_node_with_capacity_and_renews_its_lease_every_10_seconds()
    {
        await using var h = await NodeHarness.StartAsync();

        var node = await h.Client.CoreV1.ReadNodeAsync(NodeHarness.Node, cancellationToken: NodeHarness.Token);
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal("KubeletHasSufficientMemory", node.Status.Conditions.Single(c => c.Type == "MemoryPressure").Reason);
        Assert.Equal("110", node.Status.Capacity["pods"].ToString());
        Assert.StartsWith("podlife-sim://", node.Status.NodeInfo.ContainerRuntimeVersion, StringComparison.Ordinal);

        var lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
        var first = lease.Spec.RenewTime;
        h.Api.Clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100 && lease.Spec.RenewTime == first; i++)
        {
            await Task.Delay(20, NodeHarness.Token);
            lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
        }
        Assert.Equal(TimeSpan.FromSeconds(10), lease.Spec.RenewTime - first);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
    }
}
