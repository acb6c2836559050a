using PodLife.Scheduler.Cache;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// The incremental bookkeeping of pkg/scheduler/backend/cache (AddPod/UpdatePod/RemovePod, AddNode/RemoveNode, AssumePod).
public class ClusterCacheTests
{
    [Fact]
    public void BoundPodsAddTheirRequestsAndUpdatesReplaceThem()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("n"));
        cache.SetPod(Pod("a", "500m", "1Gi", node: "n"));
        cache.SetPod(Pod("b", "250m", node: "n"));
        cache.SetPod(Pod("a", "1", "1Gi", node: "n"));

        var node = cache.GetNode("n")!;
        Assert.Equal(1250, node.Requested.MilliCpu);
        Assert.Equal(1L << 30, node.Requested.Memory);
        Assert.Equal(2, node.PodCount);
    }

    [Fact]
    public void UnboundDeletedAndTerminatedPodsDoNotCount()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("n"));
        cache.SetPod(Pod("pending", "1"));
        cache.SetPod(Pod("gone", "1", node: "n"));
        cache.RemovePod("default/gone");
        var done = Pod("done", "1", node: "n");
        cache.SetPod(done);
        done.Status.Phase = "Failed";
        cache.SetPod(done);

        Assert.Equal(0, cache.GetNode("n")!.PodCount);
        Assert.Equal(0, cache.GetNode("n")!.Requested.MilliCpu);
    }

    [Fact]
    public void PodsSeenBeforeTheirNodeAreCountedOnceTheNodeArrives()
    {
        var cache = new ClusterCache();
        cache.SetPod(Pod("early", "1", node: "late"));
        Assert.Empty(cache.Nodes);

        cache.SetNode(Node("late"));

        Assert.Equal(1000, cache.GetNode("late")!.Requested.MilliCpu);
    }

    [Fact]
    public void RemovingANodeKeepsTheOthersReachableAndItsPodsAccounted()
    {
        var cache = new ClusterCache();
        foreach (var name in new[] { "a", "b", "c" })
            cache.SetNode(Node(name));
        cache.SetPod(Pod("p", "1", node: "a"));

        cache.RemoveNode("a");
        Assert.Equal(["b", "c"], cache.Nodes.Select(n => n.Name).Order());
        Assert.Null(cache.GetNode("a"));
        Assert.Equal("a", cache.NodeOfPod("default/p"));

        cache.SetNode(Node("a"));
        Assert.Equal(1000, cache.GetNode("a")!.Requested.MilliCpu);
    }

    [Fact]
    public void AnAssumedPodIsCountedAndMovesWhenTheWatchSaysOtherwise()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("a"));
        cache.SetNode(Node("b"));
        var pod = Pod("p", "1");
        cache.Assume(PodLife.Scheduler.Model.SchedulingPod.From(pod), "a");
        Assert.Equal(1000, cache.GetNode("a")!.Requested.MilliCpu);

        pod.Spec.NodeName = "b";
        cache.SetPod(pod);

        Assert.Equal(0, cache.GetNode("a")!.Requested.MilliCpu);
        Assert.Equal(1000, cache.GetNode("b")!.Requested.MilliCpu);
    }
}
