using k8s;
using k8s.Models;

namespace PodLife.Node.Tests.Agent;

/// <summary>kubelet's recordNodeSchedulableEvent: a node agent on its own hears of its cordon through a watch of its Node.</summary>
public sealed class CordonEventTests
{
    static V1Patch Unschedulable(bool value) => new($"{{\"spec\":{{\"unschedulable\":{(value ? "true" : "false")}}}}}", V1Patch.PatchType.MergePatch);

    static async Task<IReadOnlyList<string>> ReasonsAsync(NodeHarness h)
    {
        await h.Agent.EventsWrittenAsync();
        var list = await h.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={NodeHarness.Node}", cancellationToken: NodeHarness.Token);
        return [.. list.Items.Select(e => e.Reason)];
    }

    static async Task UntilAsync(NodeHarness h, string reason)
    {
        for (var i = 0; i < 200 && !(await ReasonsAsync(h)).Contains(reason); i++) await Task.Delay(25, NodeHarness.Token);
        Assert.Contains(reason, await ReasonsAsync(h));
    }

    [Fact]
    public async Task CordonAndUncordonAreRecordedAsNodeNotSchedulableAndNodeSchedulable()
    {
        await using var h = await NodeHarness.StartAsync();
        Assert.DoesNotContain("NodeSchedulable", await ReasonsAsync(h)); // a schedulable node says nothing at start

        await h.Client.CoreV1.PatchNodeAsync(Unschedulable(true), NodeHarness.Node, cancellationToken: NodeHarness.Token);
        await UntilAsync(h, "NodeNotSchedulable");
        await h.Client.CoreV1.PatchNodeAsync(Unschedulable(false), NodeHarness.Node, cancellationToken: NodeHarness.Token);
        await UntilAsync(h, "NodeSchedulable");

        var list = await h.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "reason=NodeNotSchedulable", cancellationToken: NodeHarness.Token);
        var cordoned = Assert.Single(list.Items);
        Assert.Equal(("Normal", "Node node-1 status is now: NodeNotSchedulable", "kubelet"), (cordoned.Type, cordoned.Message, cordoned.Source.Component));
    }
}
