using k8s;
using k8s.Models;
using Microsoft.Playwright;
using PodLife.Testing;

[assembly: AssemblyFixture(typeof(PodLife.Ui.Tests.UiCluster))]

namespace PodLife.Ui.Tests;

/// <summary>
/// One `podlife up` (two simulated nodes, clock 10x) and one headless Chromium shared by every UI test;
/// each test works in its own namespace and its own browser context.
/// </summary>
public sealed class UiCluster : IAsyncLifetime
{
    // Debian's chromium package (scripts/install-test-deps.sh); Playwright is never asked to download a browser.
    const string Chromium = "/usr/lib/chromium/chromium";

    PodlifeServerProcess? _server;
    IPlaywright? _playwright;
    IBrowser? _browser;

    public PodlifeServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public Kubernetes Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new FileNotFoundException($"{Chromium} not found: run scripts/install-test-deps.sh (Debian package chromium)");
        _server = await PodlifeServerProcess.StartAsync(["up", "--nodes", "2", "--speed", "10"], TestContext.Current.CancellationToken);
        Client = _server.Client();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        // The cluster is real and the machine is shared: pods take seconds, not milliseconds, to start.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync()
    {
        var name = $"ui-{Guid.NewGuid().ToString("N")[..8]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }

    /// <summary>Opens the address `podlife up` printed, signed in, then goes to <paramref name="route"/> (e.g. "#/nodes").</summary>
    public async Task<UiPage> OpenAsync(string route = "")
    {
        var page = await NewPageAsync();
        await GotoAsync(page, Server.UiAddress);
        if (route.Length > 0) await page.GotoAsync(UiBase + route);
        return new UiPage(page);
    }

    /// <summary>
    /// Loads the UI and waits until its script has started, again when Chromium aborts the load: other programs on this
    /// machine add and remove network interfaces (containers), and Chromium then fails loads with ERR_NETWORK_CHANGED.
    /// </summary>
    public static async Task GotoAsync(IPage page, string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(url);
                await page.WaitForSelectorAsync("body[data-app=started]", new() { Timeout = 15_000 });
                return;
            }
            catch (Exception e) when (attempt < 4 && e is PlaywrightException or TimeoutException)
            {
                // Chromium may still be switching to its error page for the failed load, which interrupts this one too.
                try { await page.GotoAsync("about:blank"); }
                catch (PlaywrightException) { }
                await Task.Delay(250 * attempt);
            }
        }
    }

    /// <summary>A page in a fresh browser context (own sessionStorage), not yet opened.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>https://127.0.0.1:PORT/ui/</summary>
    public string UiBase => Server.UiAddress[..Server.UiAddress.IndexOf('#', StringComparison.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Client?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}
