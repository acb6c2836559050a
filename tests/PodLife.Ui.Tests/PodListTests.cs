using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PodLife.Ui.Tests;

/// <summary>The pod list: kubectl's columns, live updates through watch, and the three filters.</summary>
public class PodListTests(UiCluster cluster)
{
    [Fact]
    public async Task ThePodListShowsExistingPodsWithKubectlsColumns()
    {
        var ns = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));

        await using var ui = await cluster.OpenAsync($"#/pods?namespace={ns}");

        var row = ui.PodRow(ns, "web");
        await Expect(row).ToContainTextAsync("Running");
        await Expect(row).ToContainTextAsync("1/1");
        await Expect(row).ToContainTextAsync("podlife-node-");
        await Expect(ui.Page.Locator("table.pods thead")).ToHaveTextAsync("NAMEREADYSTATUSRESTARTSAGENODE");
        await Expect(ui.Page.Locator(".summary")).ToHaveTextAsync("1 pod");
        await ui.ScreenshotAsync("pod-list");
    }

    [Fact]
    public async Task APodCreatedWhileThePageIsOpenAppearsAndStartsWithoutAReload()
    {
        var ns = await cluster.NamespaceAsync();
        await using var ui = await cluster.OpenAsync($"#/pods?namespace={ns}");
        await Expect(ui.Page.GetByText("No pods match.")).ToBeVisibleAsync();
        await ui.Page.EvaluateAsync("() => { window.notReloaded = true; }");

        await cluster.Client.CreateAsync(ns, TestPods.Server("late"));

        await Expect(ui.PodRow(ns, "late")).ToBeVisibleAsync();
        await Expect(ui.PodRow(ns, "late")).ToContainTextAsync("Running");
        Assert.True(await ui.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }

    [Fact]
    public async Task FiltersNarrowTheListByNamespaceLabelsAndStatus()
    {
        var ns = await cluster.NamespaceAsync();
        var other = await cluster.NamespaceAsync();
        await cluster.Client.CreateAsync(ns, TestPods.Server("web"));
        await cluster.Client.CreateAsync(ns, TestPods.Server("db", app: "db"));
        await cluster.Client.CreateAsync(ns, TestPods.Completing("job"));
        await cluster.Client.CreateAsync(other, TestPods.Server("elsewhere"));
        await using var ui = await cluster.OpenAsync();
        await Expect(ui.PodRow(other, "elsewhere")).ToBeVisibleAsync();

        await ui.Page.SelectOptionAsync("#filter-namespace", ns);
        await Expect(ui.PodRow(ns, "web")).ToBeVisibleAsync();
        await Expect(ui.PodRow(other, "elsewhere")).ToHaveCountAsync(0);
        await Expect(ui.PodRow(ns, "job")).ToContainTextAsync("Completed");

        await ui.Page.FillAsync("#filter-labels", "app in (web,db)");
        await ui.Page.ClickAsync("button[type=submit]");
        await Expect(ui.Page.Locator("tr[data-pod]")).ToHaveCountAsync(2);
        await Expect(ui.PodRow(ns, "job")).ToHaveCountAsync(0);

        await ui.Page.FillAsync("#filter-labels", "");
        await ui.Page.ClickAsync("button[type=submit]");
        await Expect(ui.Page.Locator("tr[data-pod]")).ToHaveCountAsync(3);
        await ui.Page.SelectOptionAsync("#filter-status", "Completed");
        await Expect(ui.Page.Locator("tr[data-pod]")).ToHaveCountAsync(1);
        await Expect(ui.PodRow(ns, "job")).ToBeVisibleAsync();
        await Expect(ui.Page.Locator(".summary")).ToHaveTextAsync("1 of 3 pods");
        await ui.ScreenshotAsync("pod-list-filtered");
    }

    [Fact]
    public async Task AnInvalidLabelSelectorShowsTheServersError()
    {
        await using var ui = await cluster.OpenAsync();
        await ui.Page.FillAsync("#filter-labels", "app in web");
        await ui.Page.ClickAsync("button[type=submit]");
        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("BadRequest (400)");
    }

    [Fact]
    public async Task AWatchThatReconnectsTakesItsLostConnectionMessageBack()
    {
        await using var ui = new UiPage(await cluster.NewPageAsync());
        var dropped = await DropTheFirstNamespacesWatchAsync(ui.Page);
        await UiCluster.GotoAsync(ui.Page, cluster.Server.UiAddress);
        await Expect(ui.Page.Locator("table.pods, .empty").First).ToBeVisibleAsync();

        dropped.SetResult();

        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("Lost the connection to the API server");
        // The namespaces are listed again two seconds later: nothing is wrong any more.
        await Expect(ui.Page.Locator("#banner")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AWatchThatReconnectsLeavesTheSelectorErrorOnShow()
    {
        await using var ui = new UiPage(await cluster.NewPageAsync());
        var dropped = await DropTheFirstNamespacesWatchAsync(ui.Page);
        await UiCluster.GotoAsync(ui.Page, cluster.Server.UiAddress);
        await ui.Page.FillAsync("#filter-labels", "app in web");
        await ui.Page.ClickAsync("button[type=submit]");
        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("BadRequest (400)");

        dropped.SetResult();

        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("Lost the connection to the API server");
        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("BadRequest (400)");
    }

    // The namespace filter's first watch is held open, then fails as a dropped connection does once the returned task is
    // completed (Chromium drops open requests when a network interface comes or goes, as containers make them do);
    // every later request goes through.
    static async Task<TaskCompletionSource> DropTheFirstNamespacesWatchAsync(IPage page)
    {
        var drop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watches = 0;
        await page.RouteAsync(url => url.Contains("/api/v1/namespaces?", StringComparison.Ordinal) && url.Contains("watch=1", StringComparison.Ordinal), async route =>
        {
            if (Interlocked.Increment(ref watches) > 1)
            {
                await route.ContinueAsync();
                return;
            }
            // Held apart from the handler, which would otherwise hold up the page's other requests.
            _ = Task.Run(async () =>
            {
                await drop.Task;
                await route.AbortAsync("connectionreset");
            });
        });
        return drop;
    }
}
