using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A pod bound to the node without the scheduler's checks (spec.nodeName by hand) that the node cannot run is failed by
/// the node's admission at once, as kubelet's rejectPod does, and never started; the pods it admits run beside it.
/// </summary>
public sealed class AdmissionScenarioTests
{
    static V1Container Asking(string cpu) => new()
    {
        Name = "app", Image = "busybox:1.36", Command = ["sleep", "3600"],
        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
    };

    [Fact]
    public async Task A_pod_asking_more_cpu_than_the_node_has_left_fails_with_OutOfcpu_and_never_starts()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("first", Asking("3")));
        await h.UntilAsync("first", p => p.Status?.Phase == PodPhase.Running, what: "Running");

        await h.RunAsync(NodeHarness.Pod("second", Asking("1500m")));
        var rejected = await h.UntilAsync("second", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");

        const string why = "Node didn't have enough resource: cpu, requested: 1500, used: 3000, capacity: 4000";
        Assert.Equal(("OutOfcpu", "Pod was rejected: " + why), (rejected.Status.Reason, rejected.Status.Message));
        Assert.Null(rejected.Status.ContainerStatuses);
        Assert.Null(rejected.Status.StartTime);
        Assert.Contains(rejected.Status.Conditions ?? [], c => c.Type == "PodScheduled" && c.Status == "True");
        Assert.Equal(("OutOfcpu", "0/1"), ((await h.RowAsync("second")).Status, (await h.RowAsync("second")).Ready));
        var events = await h.EventsAsync("second");
        var warning = Assert.Single(events, e => e.Reason == "OutOfcpu");
        Assert.Equal(("Warning", why, "kubelet"), (warning.Type, warning.Message, warning.Source.Component));
        Assert.DoesNotContain(events, e => e.Reason is "Pulling" or "Created" or "Started");
        Assert.DoesNotContain(h.Agent.Workers, w => w.Pod.Name() == "second");

        // What is left still admits a pod that fits.
        await h.RunAsync(NodeHarness.Pod("third", Asking("1")));
        await h.UntilAsync("third", p => p.Status?.Phase == PodPhase.Running, what: "Running");
    }

    [Fact]
    public async Task A_refused_pod_stays_refused_after_the_node_restarts()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("greedy", Asking("64")));
        var rejected = await h.UntilAsync("greedy", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");

        await h.RestartNodeAsync();
        await h.RunAsync(NodeHarness.Pod("after", Asking("1")));
        await h.UntilAsync("after", p => p.Status?.Phase == PodPhase.Running, what: "the next pod Running");
        var again = await h.GetAsync("greedy");

        Assert.Equal((PodPhase.Failed, rejected.Status.Reason, rejected.Status.Message), (again.Status.Phase, again.Status.Reason, again.Status.Message));
        Assert.Null(again.Status.ContainerStatuses);
        Assert.DoesNotContain(await h.EventsAsync("greedy"), e => e.Reason is "Pulling" or "Created" or "Started");
    }

    [Fact]
    public async Task A_pod_whose_nodeSelector_the_node_does_not_match_fails_the_NodeAffinity_predicate()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("picky", NodeHarness.Shell("app", "sleep 3600"));
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
        await h.RunAsync(pod);

        var rejected = await h.UntilAsync("picky", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");

        Assert.Equal(("NodeAffinity", "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"),
            (rejected.Status.Reason, rejected.Status.Message));
        Assert.Equal("NodeAffinity", (await h.RowAsync("picky")).Status);
    }
}
