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

    [Fact]
    public async Task A_lease_changed_or_deleted_by_someone_else_is_read_or_created_again_at_the_next_renewal()
    {
        await using var h = await NodeHarness.StartAsync();
        var leases = h.Client.CoordinationV1;
        var lease = await leases.ReadNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
        var first = lease.Spec.RenewTime;
        lease.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
        await leases.ReplaceNamespacedLeaseAsync(lease, NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);

        // The agent's own copy is stale now: its update conflicts, so it reads the Lease again and keeps the change.
        h.Api.Clock.Advance(TimeSpan.FromSeconds(10));
        lease = await RenewedAfterAsync(h, first);
        Assert.Equal("yes", lease.Metadata.Labels["touched"]);

        await leases.DeleteNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
        h.Api.Clock.Advance(TimeSpan.FromSeconds(10));
        lease = await RenewedAfterAsync(h, lease.Spec.RenewTime);
        Assert.Equal(NodeHarness.Node, lease.Spec.HolderIdentity);
    }

    static async Task<k8s.Models.V1Lease> RenewedAfterAsync(NodeHarness h, DateTime? before)
    {
        for (var i = 0; i < 250; i++)
        {
            try
            {
                var lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
                if (lease.Spec.RenewTime > before) return lease;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
            await Task.Delay(20, NodeHarness.Token);
        }
        throw new TimeoutException("the lease was not renewed");
    }
}
