using PodLife.Scheduler.Framework;

namespace PodLife.Scheduler.Tests;

// Format from pkg/scheduler/framework/types.go FitError.Error and plugins/defaultpreemption PostFilter ("preemption: " + the
// evaluator's FitError over "Preemption is not helpful for scheduling" / "No preemption victims found for incoming pod").
public class UnschedulableMessageTests
{
    static FilterResult Taint(string key) => FilterResult.Unresolvable($"node(s) had untolerated taint {{{key}: }}");

    [Fact]
    public void TheIssueExampleIsReproducedExactly()
    {
        var failures = new[] { Taint("node.kubernetes.io/not-ready"), FilterResult.Unschedulable("Insufficient cpu"), FilterResult.Unschedulable("Insufficient cpu") };

        var message = UnschedulableMessage.Build(3, failures, preemptionPolicyNever: false);

        Assert.Equal(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 2 Insufficient cpu. "
            + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
            message);
    }

    public static TheoryData<string, FilterResult[], int, string> Cases => new()
    {
        {
            "one node short of both cpu and memory counts both reasons",
            [FilterResult.Unschedulable("Insufficient cpu", "Insufficient memory")], 1,
            "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
        },
        {
            "reasons sort as strings, so 10 comes before 2",
            [.. Enumerable.Repeat(FilterResult.Unresolvable("node(s) were unschedulable"), 2), .. Enumerable.Repeat(FilterResult.Unschedulable("Too many pods"), 10)], 12,
            "0/12 nodes are available: 10 Too many pods, 2 node(s) were unschedulable. preemption: 0/12 nodes are available: 10 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
        },
        {
            "selector mismatch is not helped by preemption",
            [FilterResult.Unresolvable("node(s) didn't match Pod's node affinity/selector")], 1,
            "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReasonsAreCountedAndSortedLikeKubeScheduler(string _, FilterResult[] failures, int nodes, string expected) =>
        Assert.Equal(expected, UnschedulableMessage.Build(nodes, failures, preemptionPolicyNever: false));

    [Fact]
    public void PodsThatMayNotPreemptSayWhy() =>
        Assert.Equal(
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
            UnschedulableMessage.Build(1, [FilterResult.Unschedulable("Insufficient cpu")], preemptionPolicyNever: true));

    [Fact]
    public void AClusterWithoutNodesGetsKubeSchedulersNoNodesError() =>
        Assert.Equal("no nodes available to schedule pods", UnschedulableMessage.Build(0, [], false));
}
