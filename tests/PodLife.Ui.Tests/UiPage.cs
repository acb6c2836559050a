using Microsoft.Playwright;

namespace PodLife.Ui.Tests;

/// <summary>A page of the UI in its own browser context; saves screenshots under artifacts/ui-screenshots/.</summary>
public sealed class UiPage(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>The row of a pod in the pod list or in a node's list.</summary>
    public ILocator PodRow(string ns, string name) => Page.Locator($"tr[data-pod=\"{ns}/{name}\"]");

    /// <summary>The timeline lane of a kind and name, e.g. ("Phase", "") or ("Condition", "Ready").</summary>
    public ILocator Lane(string kind, string name = "") => Page.Locator($"[data-lane=\"{kind}/{name}\"]");

    /// <summary>The timeline's row of event markers.</summary>
    public ILocator Events => Page.Locator("[data-lane=Event]");

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }

    static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PodLife.slnx"))) return Path.Combine(dir.FullName, "artifacts", "ui-screenshots");
            return Path.Combine(AppContext.BaseDirectory, "ui-screenshots");
        }
    }

    public async ValueTask DisposeAsync() => await Page.Context.DisposeAsync();
}
