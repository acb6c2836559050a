using System.Text.Json;
using k8s;

namespace PodLife.Ui.Tests;

/// <summary>
/// The timeline the page rebuilds from a pod's status timestamps and events when the server has no podtimelines API,
/// run in the browser on a real pod and its real events from the cluster.
/// </summary>
public class RebuiltTimelineTests(UiCluster cluster)
{
    [Fact]
    public async Task ATimelineRebuiltFromStatusAndEventsHasPendingRunningAndReady()
    {
        var ns = await cluster.NamespaceAsync();
        var ct = TestContext.Current.CancellationToken;
        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));
        await using var ui = await cluster.OpenAsync($"#/pods?namespace={ns}");
        await Microsoft.Playwright.Assertions.Expect(ui.PodRow(ns, "web")).ToContainTextAsync("1/1");

        var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct);
        var events = await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
        var lanes = await ui.Page.EvaluateAsync<JsonElement>("""
            async ([pod, events]) => {
              [pod, events] = [JSON.parse(pod), JSON.parse(events)];
              const { entriesFromPod, lanesOf } = await import('./timeline-model.js');
              const { lanes, events: markers } = lanesOf(entriesFromPod(pod, events), Date.now());
              return { lanes: Object.fromEntries(lanes.map((l) => [l.key, l.segments.map((s) => s.label)])), events: markers.map((m) => m.entry.name) };
            }
            """, new[] { KubernetesJson.Serialize(pod), KubernetesJson.Serialize(events.Items) });

        Assert.Equal(["Pending", "Running"], Labels(lanes, "Phase/"));
        Assert.Equal(["True"], Labels(lanes, "Condition/Ready"));
        Assert.Equal(["Running", "Running · ready"], Labels(lanes, "Container/app"));
        Assert.Contains("Scheduled", lanes.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    static string?[] Labels(JsonElement result, string lane) =>
        [.. result.GetProperty("lanes").GetProperty(lane).EnumerateArray().Select(e => e.GetString())];
}
