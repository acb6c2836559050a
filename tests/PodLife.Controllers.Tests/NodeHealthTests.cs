using PodLife.Controllers.NodeLifecycle;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth: what resets the probe timestamp.
public class NodeHealthTests
{
    [Fact]
    public void AFirstSightingStartsTheGracePeriodNow()
    {
        var health = NodeHealth.Observe(null, ReadyNode("n", T0.AddHours(-1)), null, T0);
        Assert.Equal(T0, health.ProbeTimestamp);
    }

    [Fact]
    public void ANodeThatNeverPostedReadyCountsFromItsCreation()
    {
        var node = ReadyNode("n", T0);
        node.Status.Conditions = [];
        Assert.Equal(T0.AddHours(-1), NodeHealth.Observe(null, node, null, T0).ProbeTimestamp);
    }

    [Fact]
    public void NothingNewLeavesTheProbeTimestampAlone()
    {
        var node = ReadyNode("n", T0);
        var first = NodeHealth.Observe(null, node, Lease("n", T0), T0);
        var later = NodeHealth.Observe(first, node, Lease("n", T0), T0.AddSeconds(30));
        Assert.Equal(T0, later.ProbeTimestamp);
    }

    [Fact]
    public void ARenewedLeaseIsAHeartbeatEvenWhenTheStatusIsOld()
    {
        var node = ReadyNode("n", T0);
        var first = NodeHealth.Observe(null, node, Lease("n", T0), T0);
        var later = NodeHealth.Observe(first, node, Lease("n", T0.AddSeconds(10)), T0.AddSeconds(12));
        Assert.Equal(T0.AddSeconds(12), later.ProbeTimestamp);
    }

    [Fact]
    public void ANewReadyHeartbeatIsAHeartbeatAndAChangedTransitionIsRecorded()
    {
        var first = NodeHealth.Observe(null, ReadyNode("n", T0), null, T0);
        var updated = ReadyNode("n", T0.AddSeconds(20));
        var heard = NodeHealth.Observe(first, updated, null, T0.AddSeconds(21));
        Assert.Equal(T0.AddSeconds(21), heard.ProbeTimestamp);
        Assert.Equal(T0, heard.ReadyTransitionTimestamp);

        var flipped = ReadyNode("n", T0.AddSeconds(40));
        flipped.Status.Conditions[3].LastTransitionTime = T0.AddSeconds(40).UtcDateTime;
        Assert.Equal(T0.AddSeconds(41), NodeHealth.Observe(heard, flipped, null, T0.AddSeconds(41)).ReadyTransitionTimestamp);
    }
}
