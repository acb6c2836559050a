using k8s;
using k8s.Models;
using PodLife.Node.Tests.Agent;

namespace PodLife.Node.Tests.Pods;

/// <summary>What a pod worker keeps of the API's pod conditions once it has written a status of its own.</summary>
public sealed class PodWorkerConditionsTests
{
    const string Gate = "example.com/load-balancer";

    [Fact]
    public async Task After_its_first_status_write_a_worker_keeps_only_the_conditions_others_own()
    {
        await using var h = await NodeHarness.StartAsync();
        const string Node = "gate-node";
        var pod = NodeHarness.Pod("gated", NodeHarness.Shell("main", "sleep 3600"));
        pod.Spec.NodeName = Node;
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = Gate }];
        await h.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: NodeHarness.Token);
        // The gate's owner sets its condition, as a load balancer controller would.
        var gated = await h.Client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("{\"status\":{\"conditions\":[{\"type\":\"" + Gate + "\",\"status\":\"True\"}]}}", V1Patch.PatchType.StrategicMergePatch),
            "gated", "default", cancellationToken: NodeHarness.Token);
        await using var lone = h.StartLoneWorker(Node, gated);

        var ready = await h.UntilAsync("gated", p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, what: "Ready");
        lone.Worker.Update(ready);

        Assert.Equal([Gate], lone.Worker.Pod.Status.Conditions.Select(c => c.Type));
        // The API's pod keeps every condition: the worker only forgot its own copies.
        Assert.Equal([Gate, "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
            (await h.GetAsync("gated")).Status.Conditions.Select(c => c.Type));
    }
}
