using k8s;

namespace PodLife.Node.Tests.Agent;

/// <summary>The events a starting node records about itself, as kubectl describe node lists them.</summary>
public sealed class NodeEventScenarioTests
{
    [Fact]
    public async Task A_starting_node_records_Starting_its_conditions_and_NodeAllocatableEnforced_in_the_default_namespace()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.Agent.EventsWrittenAsync();

        var events = (await h.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.kind=Node,involvedObject.name={NodeHarness.Node}",
            cancellationToken: NodeHarness.Token)).Items;

        Assert.Equal(
            ["Starting: Starting kubelet.",
             "NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory",
             "NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure",
             "NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID",
             "NodeReady: Node node-1 status is now: NodeReady",
             "NodeAllocatableEnforced: Updated Node Allocatable limit across pods"],
            events.OrderBy(e => e.Metadata.Name, StringComparer.Ordinal).Select(e => $"{e.Reason}: {e.Message}"));
        Assert.All(events, e =>
        {
            Assert.Equal(("Normal", "kubelet", NodeHarness.Node), (e.Type, e.Source.Component, e.Source.Host));
            Assert.Equal(("Node", NodeHarness.Node, NodeHarness.Node, null), (e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.NamespaceProperty));
        });
    }
}
