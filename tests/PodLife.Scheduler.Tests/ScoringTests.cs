using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Model;
using PodLife.Scheduler.Scoring;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// Expected numbers worked out with the formulas of noderesources/least_allocated.go and balanced_allocation.go,
// mirroring cases in their _test.go files (node 4000m / 10000 bytes).
public class ScoringTests
{
    static NodeState NodeWith(string cpu, string memory, params k8s.Models.V1Pod[] bound)
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("n", cpu, memory));
        foreach (var pod in bound)
            cache.SetPod(pod);
        return cache.GetNode("n")!;
    }

    [Theory]
    [InlineData("3000m", "0", 62)]     // cpu 25, memory 100 (an explicit 0 stays 0)
    [InlineData("1", "2000", 77)]      // cpu 75, memory 80, integer average
    [InlineData(null, null, 48)]       // defaults 100m / 200Mi: cpu 97, memory over capacity → 0
    public void LeastAllocatedAveragesTheFreeShareOfCpuAndMemory(string? podCpu, string? podMemory, long expected) =>
        Assert.Equal(expected, new LeastAllocatedScore().Score(SchedulingPod.From(Pod("p", podCpu, podMemory)), NodeWith("4", "10000")));

    [Fact]
    public void LeastAllocatedCountsBoundPodsAndGivesZeroForOvercommittedResources()
    {
        var node = NodeWith("4", "10000", Pod("a", "1", "5000", node: "n"));
        // cpu (4000-2000)/4000 → 50; memory 5000+6000 > 10000 → 0; average 25.
        Assert.Equal(25, new LeastAllocatedScore().Score(SchedulingPod.From(Pod("p", "1", "6000")), node));
    }

    [Theory]
    [InlineData("2", "5000", 100)]    // both 50% → std 0
    [InlineData("3", "5000", 87)]     // 75% and 50% → std 0.125 → 87.5 truncated
    [InlineData("4", "0", 50)]        // 100% and 0% → std 0.5
    [InlineData("8", "0", 50)]        // fractions cap at 1
    public void BalancedAllocationFavoursEvenCpuAndMemoryUse(string podCpu, string podMemory, long expected) =>
        Assert.Equal(expected, new BalancedAllocationScore().Score(SchedulingPod.From(Pod("p", podCpu, podMemory)), NodeWith("4", "10000")));

    [Fact]
    public void TaintTolerationScoreCountsUntoleratedPreferNoScheduleTaintsAndReversesOnNormalize()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("clean"));
        cache.SetNode(Node("one").WithTaint("a", "PreferNoSchedule"));
        cache.SetNode(Node("two").WithTaint("a", "PreferNoSchedule").WithTaint("b", "PreferNoSchedule").WithTaint("c", "NoSchedule"));
        var pod = SchedulingPod.From(Pod("p").Tolerating("b", effect: "PreferNoSchedule"));
        var plugin = new TaintTolerationScore();

        long[] scores = [.. cache.Nodes.Select(n => plugin.Score(pod, n))];
        Assert.Equal([0L, 1, 1], scores);
        plugin.Normalize(scores);
        Assert.Equal([100L, 0, 0], scores);
    }

    [Fact]
    public void NodeAffinityScoreSumsMatchedPreferenceWeightsAndScalesTheBestTo100()
    {
        var cache = new ClusterCache();
        cache.SetNode(Node("ssd").WithLabel("disk", "ssd"));
        cache.SetNode(Node("ssd-east").WithLabel("disk", "ssd").WithLabel("zone", "east"));
        cache.SetNode(Node("none"));
        var pod = Pod("p");
        pod.Spec.Affinity = new k8s.Models.V1Affinity
        {
            NodeAffinity = new k8s.Models.V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    Preference(10, "disk", "ssd"),
                    Preference(30, "zone", "east"),
                ],
            },
        };
        var plugin = new NodeAffinityScore();
        var scheduling = SchedulingPod.From(pod);

        long[] scores = [.. cache.Nodes.Select(n => plugin.Score(scheduling, n))];
        Assert.Equal([10L, 40, 0], scores);
        plugin.Normalize(scores);
        Assert.Equal([25L, 100, 0], scores);
    }

    static k8s.Models.V1PreferredSchedulingTerm Preference(int weight, string key, string value) => new()
    {
        Weight = weight,
        Preference = new k8s.Models.V1NodeSelectorTerm { MatchExpressions = [new() { Key = key, OperatorProperty = "In", Values = [value] }] },
    };
}
