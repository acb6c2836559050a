using PodLife.Controllers.NodeLifecycle;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// monitorNodeHealth / tryUpdateNodeHealth with node-monitor-grace-period 50s (1.32+) and node-startup-grace-period 60s.
public class NodeMonitorTests
{
    static NodeStatusDecision Evaluate(k8s.Models.V1Node node, DateTimeOffset lastHeard, DateTimeOffset now) =>
        NodeMonitor.Evaluate(node, new NodeHealth(lastHeard, lastHeard, null, null, null), now, NodeMonitor.DefaultGracePeriod, NodeMonitor.DefaultStartupGracePeriod);

    [Theory]
    [InlineData(0, false)]
    [InlineData(49, false)]
    [InlineData(50, false)]   // "after" the grace period is strict
    [InlineData(51, true)]
    [InlineData(300, true)]
    public void ConditionsTurnUnknownOnlyAfterTheGracePeriod(int secondsSilent, bool unknown)
    {
        var decision = Evaluate(ReadyNode("n", T0), T0, T0.AddSeconds(secondsSilent));
        Assert.Equal(unknown, decision.Changed);
        Assert.Equal(unknown ? "Unknown" : "True", decision.CurrentReady);
        Assert.Equal("True", decision.ObservedReady);
        Assert.Equal(unknown, decision.BecameNotReady);
    }

    [Fact]
    public void EveryMonitoredConditionGetsKubernetesReasonAndMessageAndKeepsItsHeartbeat()
    {
        var now = T0.AddSeconds(55);
        var decision = Evaluate(ReadyNode("n", T0), T0, now);

        Assert.All(decision.Conditions, c =>
        {
            Assert.Equal("Unknown", c.Status);
            Assert.Equal("NodeStatusUnknown", c.Reason);
            Assert.Equal("Kubelet stopped posting node status.", c.Message);
            Assert.Equal(T0.UtcDateTime, c.LastHeartbeatTime);
            Assert.Equal(now.UtcDateTime, c.LastTransitionTime);
        });
        Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], decision.Conditions.Select(c => c.Type));
    }

    [Fact]
    public void AnAlreadyUnknownNodeIsNotRewritten()
    {
        var first = Evaluate(ReadyNode("n", T0), T0, T0.AddSeconds(55));
        var node = ReadyNode("n", T0);
        node.Status.Conditions = first.Conditions;

        var second = Evaluate(node, T0, T0.AddSeconds(60));

        Assert.False(second.Changed);
        Assert.Equal("Unknown", second.ObservedReady);
        Assert.False(second.BecameNotReady);
    }

    [Fact]
    public void ANodeThatNeverPostedStatusGetsNeverUpdatedConditionsAfterTheStartupGrace()
    {
        var node = ReadyNode("n", T0);
        node.Status.Conditions = [];

        Assert.False(Evaluate(node, T0, T0.AddSeconds(60)).Changed);
        var decision = Evaluate(node, T0, T0.AddSeconds(61));

        Assert.Equal(4, decision.Conditions.Count);
        Assert.All(decision.Conditions, c => Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (c.Status, c.Reason, c.Message)));
    }
}
