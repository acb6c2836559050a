using k8s;
using static Microsoft.Playwright.Assertions;

namespace PodLife.Ui.Tests;

/// <summary>The nodes page: every node with its conditions and the pods bound to it.</summary>
public class NodesTests(UiCluster cluster)
{
    [Fact]
    public async Task TheNodesViewListsEachNodeWithItsConditionsAndItsPods()
    {
        var ns = await cluster.NamespaceAsync();
        var pod = await cluster.Client.CreateAsync(ns, TestPods.Server("placed"));
        await using var ui = await cluster.OpenAsync("#/nodes");

        foreach (var node in new[] { "podlife-node-1", "podlife-node-2" })
        {
            var section = ui.Page.Locator($"section[data-node=\"{node}\"]");
            await Expect(section.Locator("h2")).ToContainTextAsync($"{node} Ready");
            await Expect(section.Locator(".condition[data-condition=Ready]")).ToHaveTextAsync("Ready: True");
            await Expect(section.Locator(".condition[data-condition=MemoryPressure]")).ToHaveTextAsync("MemoryPressure: False");
        }
        await Expect(ui.PodRow(ns, "placed")).ToContainTextAsync("Running");
        var bound = (await cluster.Client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, ns, cancellationToken: TestContext.Current.CancellationToken)).Spec.NodeName;
        await Expect(ui.Page.Locator($"section[data-node=\"{bound}\"]").Locator($"tr[data-pod=\"{ns}/placed\"]")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("nodes");
    }
}
