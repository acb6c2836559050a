using System.Net;
using static Microsoft.Playwright.Assertions;

namespace PodLife.Ui.Tests;

/// <summary>The page uses kubectl's bearer tokens: from the printed address's fragment or the sign-in form.</summary>
public class AuthenticationTests(UiCluster cluster)
{
    [Fact]
    public async Task TheTokenFromTheFragmentIsKeptForTheTabAndRemovedFromTheAddressBar()
    {
        await using var ui = await cluster.OpenAsync();

        await Expect(ui.Page.Locator("table.pods, .empty").First).ToBeVisibleAsync();
        Assert.DoesNotContain("token", ui.Page.Url, StringComparison.Ordinal);
        Assert.EndsWith("#/pods", ui.Page.Url, StringComparison.Ordinal);
        var kept = await ui.Page.EvaluateAsync<string>("() => sessionStorage.getItem('podlife.token')");
        Assert.Equal(cluster.Server.UiAddress[(cluster.Server.UiAddress.IndexOf("#token=", StringComparison.Ordinal) + 7)..], kept);
    }

    [Fact]
    public async Task ABadTokenShowsUnauthorizedAndTheSignInFormAcceptsAGoodOne()
    {
        await using var ui = new UiPage(await cluster.NewPageAsync());
        await UiCluster.GotoAsync(ui.Page, cluster.UiBase + "#token=not-a-token");

        await Expect(ui.Page.Locator("#banner")).ToContainTextAsync("Unauthorized: the API server did not accept this token");
        await Expect(ui.Page.Locator("form.sign-in")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("unauthorized");

        var token = cluster.Server.UiAddress[(cluster.Server.UiAddress.IndexOf("#token=", StringComparison.Ordinal) + 7)..];
        await ui.Page.FillAsync("#token", token);
        await ui.Page.ClickAsync("form.sign-in button");
        await Expect(ui.Page.Locator("h1")).ToHaveTextAsync("Pods");
        await Expect(ui.Page.Locator("#banner")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task TheUiFilesAreServedWithoutATokenWhileTheApiStillRequiresOne()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        var ct = TestContext.Current.CancellationToken;

        var index = await http.GetAsync(cluster.UiBase, ct);
        var bare = await http.GetAsync(cluster.UiBase.TrimEnd('/'), ct);
        var script = await http.GetAsync(cluster.UiBase + "app.js", ct);
        var missing = await http.GetAsync(cluster.UiBase + "missing.js", ct);
        var api = await http.GetAsync(new Uri(new Uri(cluster.UiBase), "/api/v1/pods"), ct);

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cluster.UiBase, bare.RequestMessage?.RequestUri?.ToString()); // /ui redirects to /ui/
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
