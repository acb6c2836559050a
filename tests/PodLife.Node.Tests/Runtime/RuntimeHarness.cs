using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Runtime;

/// <summary>A simulated runtime on a fake clock, with short-hands to run one container and read what it did.</summary>
sealed class RuntimeHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public RuntimeHarness(SimulatedRuntimeOptions? options = null)
    {
        Runtime = new SimulatedRuntime(Clock, options);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public SimulatedRuntime Runtime { get; }

    public static PodSandboxConfig Pod(string name = "pod", bool shareProcessNamespace = false) =>
        new(name, "default", "uid-" + name) { ShareProcessNamespace = shareProcessNamespace };

    /// <summary>Pulls an image, advancing the clock in small steps until the pull is done.</summary>
    public async Task PullAsync(string image)
    {
        var pull = Runtime.PullImageAsync(image, TestContext.Current.CancellationToken);
        while (!pull.IsCompleted) Clock.Advance(TimeSpan.FromMilliseconds(100));
        await pull;
    }

    /// <summary>Pulls the image, creates a sandbox and a container, and starts it; returns the container id.</summary>
    public async Task<string> RunAsync(
        string image, string[]? command = null, string[]? args = null,
        Func<ContainerConfig, ContainerConfig>? configure = null, PodSandboxConfig? pod = null)
    {
        pod ??= Pod();
        await PullAsync(image);
        var sandbox = await Runtime.RunPodSandboxAsync(pod, Token);
        var config = new ContainerConfig("main", 0, image, command ?? [], args ?? []);
        var id = await Runtime.CreateContainerAsync(sandbox, configure is null ? config : configure(config), pod, Token);
        await Runtime.StartContainerAsync(id, Token);
        return id;
    }

    /// <summary>Runs <c>sh -c script</c> in busybox.</summary>
    public Task<string> ShellAsync(string script, string image = "busybox:1.36") =>
        RunAsync(image, ["sh", "-c", script], configure: c => c with { Env = [new("GREETING", "hi")] });

    public Task<ContainerStatus> StatusAsync(string id) => Runtime.ContainerStatusAsync(id, Token);

    /// <summary>The container's log text, stdout and stderr interleaved as written.</summary>
    public async Task<string> LogAsync(string id) =>
        string.Join("\n", (await Runtime.ReadLogAsync(id, Token)).Select(l => l.Text));

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Runtime.Dispose();
}
