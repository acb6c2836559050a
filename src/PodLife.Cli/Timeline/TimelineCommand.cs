using k8s;
using k8s.Autorest;
using PodLife.Cli.Explain;
using PodLife.Core.History;

namespace PodLife.Cli.Timeline;

/// <summary>`podlife timeline POD`: the pod's recorded life as a terminal waterfall; `--watch` redraws it as it changes.</summary>
/// <remarks>
/// Exit codes: 0 shown, 2 usage error, unknown pod, unreachable cluster or no permission. A cluster that records no
/// history (real Kubernetes, <c>--no-history</c>) gets a note on stderr and the pod explained from its status and
/// events instead, with explain's exit codes (0 healthy or completed, 1 in trouble).
/// </remarks>
public static class TimelineCommand
{
    public const string NotServed = "podlife timeline: this cluster does not record pod history (podtimelines.podlife.dev not served); explaining the pod from its status and events instead";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(args, stdout, stderr, TimeProvider.System, ExplainCommand.UseColour(stdout), ct);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, bool colour, CancellationToken ct)
    {
        var (options, error) = TimelineOptions.Parse(args);
        if (options is null)
        {
            await stderr.WriteLineAsync(error);
            return CommandLine.UsageError;
        }
        var target = options.Target;
        try
        {
            var config = KubeconfigLoader.Load(target.Kubeconfig, target.Context);
            using var client = new Kubernetes(config);
            var ns = target.Namespace ?? config.Namespace ?? "default";
            var timeline = await TimelineSource.ReadAsync(client, target.Pod, ns, ct);
            if (timeline is null)
            {
                await stderr.WriteLineAsync(NotServed);
                return await FallBackToExplainAsync(client, target, ns, stdout, stderr, clock, colour, ct);
            }
            await ShowAsync(stdout, timeline, target.Json, clock.GetUtcNow(), colour, clear: false);
            if (!options.Watch) return CommandLine.Success;
            try
            {
                await foreach (var next in TimelineSource.WatchAsync(client, target.Pod, ns, ct))
                    await ShowAsync(stdout, next, target.Json, clock.GetUtcNow(), colour, clear: colour);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return CommandLine.Success;
        }
        catch (HttpOperationException h) when (h.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await stderr.WriteLineAsync($"Error from server (NotFound): podtimelines.podlife.dev \"{target.Pod}\" not found (no pod of that name has been recorded)");
            return CommandLine.UsageError;
        }
        catch (Exception e) when (ExplainCommand.Describe(e, "podlife timeline") is { } line)
        {
            await stderr.WriteLineAsync(line);
            return CommandLine.UsageError;
        }
    }

    // Without history the pod's present is all there is: explain it, as `podlife explain` does on such a cluster.
    static async Task<int> FallBackToExplainAsync(IKubernetes client, ExplainOptions target, string ns, TextWriter stdout, TextWriter stderr,
        TimeProvider clock, bool colour, CancellationToken ct)
    {
        try
        {
            return await ExplainCommand.ExplainAsync(client, target.Pod, ns, target.Json, stdout, clock, colour, ct);
        }
        catch (Exception e) when (ExplainCommand.Describe(e, "podlife timeline") is { } line)
        {
            await stderr.WriteLineAsync(line);
            return CommandLine.UsageError;
        }
    }

    // On a terminal each redraw replaces the last one; piped, the timelines follow one another.
    static async Task ShowAsync(TextWriter stdout, PodTimeline timeline, bool json, DateTimeOffset now, bool colour, bool clear)
    {
        if (clear) await stdout.WriteAsync("\e[H\e[2J");
        await stdout.WriteAsync(json
            ? PodTimelineJson.ToJson(timeline).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n"
            : TimelineText.Render(timeline, now, colour));
        await stdout.FlushAsync();
    }
}
