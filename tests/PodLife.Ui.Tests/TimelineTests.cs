using k8s;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace PodLife.Ui.Tests;

/// <summary>A pod's timeline page: Gantt lanes for phase, conditions and containers, events, restarts and "now".</summary>
public class TimelineTests(UiCluster cluster)
{
    [Fact]
    public async Task ATimelineOpenedBeforeThePodExistsFollowsItThroughPendingRunningAndReady()
    {
        var ns = await cluster.NamespaceAsync();
        await using var ui = await cluster.OpenAsync($"#/pods/{ns}/web");
        await Expect(ui.Page.GetByText($"pod {ns}/web not found")).ToBeVisibleAsync();

        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));

        var phase = ui.Lane("Phase");
        await Expect(phase.Locator(".segment[data-to=Pending]")).ToHaveCountAsync(1);
        await Expect(phase.Locator(".segment[data-to=Running]")).ToHaveCountAsync(1);
        await Expect(ui.Lane("Condition", "PodScheduled").Locator(".segment[data-to=True]")).ToBeVisibleAsync();
        await Expect(ui.Lane("Condition", "Ready").Locator(".segment[data-to=True]")).ToBeVisibleAsync();
        await Expect(ui.Lane("Container", "app").Locator(".segment[data-to=Running]").Last).ToContainTextAsync("ready");
        await Expect(ui.Events.Locator(".event[data-reason=Scheduled]")).ToHaveCountAsync(1);
        await Expect(ui.Events.Locator(".event[data-reason=Started]")).ToHaveCountAsync(1);
        // What happens next is the explain engine's verdict, served by the podtimelines/NAME/explanation subresource.
        await Expect(ui.Page.Locator(".explain .next")).ToContainTextAsync("nothing: the pod runs until it is deleted or its containers exit");
        // Served by the podtimelines API, which records the stages too.
        await Expect(ui.Page.Locator(".source")).ToHaveTextAsync("recorded history (podtimelines)");
        await Expect(ui.Lane("Stage").Locator(".segment[data-to=Initializing]")).ToHaveCountAsync(1);
        await Expect(ui.Lane("Stage").Locator(".segment[data-to=NormalOperation]")).ToHaveCountAsync(1);
        await Expect(ui.Page.Locator(".explain .stage")).ToContainTextAsync("NormalOperation");
        await ui.ScreenshotAsync("timeline-running");
    }

    [Fact]
    public async Task TheNowPanelNamesTheServiceThatSendsTheReadyPodTraffic()
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "front" },
            Spec = new k8s.Models.V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new k8s.Models.V1ServicePort { Port = 80 }] },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);
        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));
        await using var ui = await cluster.OpenAsync($"#/pods/{ns}/web");

        await Expect(ui.Lane("Condition", "Ready").Locator(".segment[data-to=True]")).ToBeVisibleAsync();
        await Expect(ui.Page.Locator(".explain .services li.endpoint")).ToHaveTextAsync("front: the pod is Ready, so it is an endpoint and gets the Service's traffic");
    }

    [Fact]
    public async Task ACrashLoopBackOffPodShowsItsRestartsAndWhenItRestartsNext()
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Crashing("crash"));
        await using var ui = await cluster.OpenAsync($"#/pods/{ns}/crash");

        var container = ui.Lane("Container", "app");
        await Expect(container.Locator(".restart").Nth(1)).ToBeAttachedAsync();
        await Expect(container.Locator(".segment[data-to=Terminated]").First).ToContainTextAsync("Error (exit 1)");
        await Expect(ui.Page.Locator(".explain")).ToContainTextAsync("CrashLoopBackOff");
        await Expect(ui.Page.Locator(".explain .stage")).ToContainTextAsync("Error");
        await Expect(ui.Page.Locator(".explain .next")).ToContainTextAsync(new Regex(@"(next restart of container app in \S+|restart of container app is due now) \(back-off \S+, restart \d+\)"));
        await Expect(ui.Page.Locator(".explain .actions")).ToContainTextAsync($"kubectl logs crash -n {ns}");
        await Expect(ui.Events.Locator(".event.type-Warning[data-reason=BackOff]")).Not.ToHaveCountAsync(0);
        await Expect(ui.PodRow(ns, "crash")).ToContainTextAsync(new Regex(@"CrashLoopBackOff\s*[1-9]"));
        await ui.ScreenshotAsync("timeline-crashloop");
    }

    [Fact]
    public async Task ALostDiscoveryRequestIsAskedAgainRatherThanTakenForAServerWithoutHistory()
    {
        // The first two discovery requests of the history group fail as a dropped connection does (ERR_NETWORK_CHANGED
        // when another program adds a network interface); the third reaches the server.
        var failed = 0;
        await using var ui = await OpenServerPodRoutingHistoryDiscoveryAsync(async route =>
        {
            if (Interlocked.Increment(ref failed) <= 2) await route.AbortAsync("internetdisconnected");
            else await route.ContinueAsync();
        });

        await Expect(ui.Page.Locator(".source")).ToHaveTextAsync("recorded history (podtimelines)");
        Assert.True(Volatile.Read(ref failed) >= 3);
    }

    [Fact]
    public async Task AServerThatAnswers404ForTheHistoryGroupGetsATimelineRebuiltFromStatusAndEvents()
    {
        // As a real Kubernetes cluster answers for a group it does not serve.
        await using var ui = await OpenServerPodRoutingHistoryDiscoveryAsync(route => route.FulfillAsync(new()
        {
            Status = 404,
            ContentType = "application/json",
            Body = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}""",
        }));

        await Expect(ui.Page.Locator(".source")).ToHaveTextAsync("rebuilt from status and events");
        await Expect(ui.Lane("Phase").Locator(".segment[data-to=Running]")).ToHaveCountAsync(1);
    }

    /// <summary>Creates a serving pod and opens its timeline in a page whose discovery requests for podlife.dev/v1 go through <paramref name="route"/>.</summary>
    async Task<UiPage> OpenServerPodRoutingHistoryDiscoveryAsync(Func<Microsoft.Playwright.IRoute, Task> route)
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));
        var page = await cluster.NewPageAsync();
        await page.RouteAsync("**/apis/podlife.dev/v1", route);
        await UiCluster.GotoAsync(page, cluster.Server.UiAddress);
        await page.GotoAsync(cluster.UiBase + $"#/pods/{ns}/web");
        return new UiPage(page);
    }

    [Fact]
    public async Task ClickingAPodInTheListOpensItsTimeline()
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Completing("job"));
        await using var ui = await cluster.OpenAsync($"#/pods?namespace={ns}");

        await ui.PodRow(ns, "job").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "job" }).ClickAsync();

        await Expect(ui.Page.Locator("h1")).ToHaveTextAsync($"{ns} / job");
        await Expect(ui.Lane("Phase").Locator(".segment[data-to=Succeeded]")).ToBeVisibleAsync();
        await Expect(ui.Lane("Container", "app").Locator(".segment[data-to=Terminated]")).ToContainTextAsync("Completed (exit 0)");
        await Expect(ui.Page.Locator(".explain .next")).ToContainTextAsync("nothing: the pod has completed and stays, with its logs, until it is deleted");
    }

    [Fact]
    public async Task ADeletedPodsTimelineStaysWithItsRecordedHistory()
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Completing("gone"));
        await using var ui = await cluster.OpenAsync($"#/pods/{ns}/gone");
        await Expect(ui.Lane("Phase").Locator(".segment[data-to=Succeeded]")).ToBeVisibleAsync();

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync("gone", ns, gracePeriodSeconds: 0, cancellationToken: TestContext.Current.CancellationToken);

        await Expect(ui.Page.Locator(".explain .next")).ToContainTextAsync("the pod was deleted");
        await Expect(ui.Page.Locator("table.pods")).ToHaveCountAsync(0);
        await Expect(ui.Lane("Phase").Locator(".segment[data-to=Succeeded]")).ToBeVisibleAsync();
    }
}
