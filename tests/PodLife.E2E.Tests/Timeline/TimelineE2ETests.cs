using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests.Timeline;

/// <summary>
/// The lifecycle history as a user meets it: `podlife up` (simulated node, accelerated clock) records a pod's life,
/// kubectl reads it as podtimelines, `podlife timeline` draws it and `podlife explain` reports how long each stage took.
/// </summary>
public class TimelineE2ETests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web}
        spec:
          containers:
          - name: app
            image: nginx
        """;

    static Task<ProcessRunner.Result> PodlifeAsync(PodlifeServerProcess cluster, params string[] args) =>
        ProcessRunner.RunAsync(PodlifeBinary.Path, [.. args, "--kubeconfig", cluster.KubeconfigPath], cluster.Environment(), null, TimeSpan.FromSeconds(60), Ct);

    [Fact]
    public async Task APodsLifeIsServedAsAPodTimelineDrawnByTimelineAndTimedByExplain()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--speed", "10"], Ct);
        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1")); // the node registers just after start-up
        Assert.Equal(0, (await cluster.KubectlWithInputAsync(Pod, "apply", "-f", "-")).ExitCode);
        var ready = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.StdErr);

        // kubectl reads the timeline by its short name, as a table and as YAML.
        var row = await cluster.KubectlAsync("get", "pt", "-l", "app=web");
        Assert.True(row.ExitCode == 0, row.StdErr);
        Assert.Matches(new Regex(@"^NAME\s+STAGE\s+PHASE\s+RESTARTS\s+LAST REASON\s+IN STAGE\s+AGE\nweb\s+NormalOperation\s+Running\s+0\s+"), row.StdOut);
        var yaml = (await cluster.KubectlAsync("get", "podtimeline", "web", "-o", "yaml")).StdOut;
        Assert.Contains("kind: PodTimeline", yaml);
        Assert.Matches(new Regex(@"time: ""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"""), yaml);
        foreach (var to in new[] { "to: Pending", "to: Initializing", "to: NormalOperation", "name: Scheduled", "name: PodScheduled" })
            Assert.Contains(to, yaml);
        Assert.Equal(1, (await cluster.KubectlAsync("delete", "pt", "web")).ExitCode);
        AssertTransitionsInOrder((await cluster.KubectlAsync("get", "pt", "web", "-o", "json")).StdOut, DateTimeOffset.UtcNow);

        var timeline = await PodlifeAsync(cluster, "timeline", "web");
        Assert.True(timeline.ExitCode == 0, timeline.StdErr);
        Assert.Matches(new Regex(@"Stages\n  Initializing\s+\|[█ ]+\| \S+\n(  ReadyToRun.*\n)?  NormalOperation\s+\|[█ ]+\| \S+\n"), timeline.StdOut);
        Assert.Matches(new Regex(@"Containers\n  app\s+\|[░█ ]+\| .*Running"), timeline.StdOut);
        Assert.Contains("Event         Normal Scheduled: Successfully assigned default/web to podlife-node-1", timeline.StdOut);

        var explain = await PodlifeAsync(cluster, "explain", "web");
        Assert.True(explain.ExitCode == 0, explain.StdErr);
        Assert.Matches(new Regex(@"Time in each stage:\n  initializing\s+\S+\s+from .*\n(.*\n)*  normal operation\s+\S+\s+from .* \(current\)"), explain.StdOut);

        // Deleted, the pod's history stays.
        Assert.Equal(0, (await cluster.KubectlAsync("delete", "pod", "web", "--wait=true", "--timeout=60s")).ExitCode);
        var gone = await PodlifeAsync(cluster, "timeline", "web", "-o", "json");
        Assert.True(gone.ExitCode == 0, gone.StdErr);
        Assert.Matches(new Regex(@"""podDeletedAt"": ""\d{4}-"), gone.StdOut);
    }

    // The stages and the app container's states come in the order the pod lived them, each stamped with a time
    // within the pod's life (not before its creation, not in the future even under --speed), times never going back.
    static void AssertTransitionsInOrder(string json, DateTimeOffset now)
    {
        using var doc = JsonDocument.Parse(json);
        var created = DateTimeOffset.Parse(doc.RootElement.GetProperty("metadata").GetProperty("creationTimestamp").GetString()!, CultureInfo.InvariantCulture);
        var entries = doc.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (Time: DateTimeOffset.Parse(e.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                Kind: e.GetProperty("kind").GetString(), Name: e.GetProperty("name").GetString(), To: e.GetProperty("to").GetString()))
            .ToList();
        foreach (var e in entries)
            Assert.InRange(e.Time, created, now); // creationTimestamp has whole seconds, so it is at or before the first entry
        foreach (var (kind, name, order) in new[]
        {
            ("Stage", "", new[] { "Initializing", "NormalOperation" }),
            ("Container", "app", ["Waiting", "Running"]),
            ("Condition", "Ready", ["False", "True"]),
        })
        {
            var lane = entries.Where(e => e.Kind == kind && e.Name == name).ToList();
            Assert.Equal(order, lane.Select(e => e.To).Where(order.Contains).Distinct());
            Assert.Equal(lane.Select(e => e.Time).Order(), lane.Select(e => e.Time));
        }
        var scheduled = entries.Single(e => e is { Kind: "Condition", Name: "PodScheduled", To: "True" }).Time;
        Assert.True(scheduled >= entries.First(e => e.Kind == "Phase").Time, "PodScheduled=True recorded before the pod's creation");
        Assert.True(scheduled <= entries.First(e => e is { Kind: "Container", To: "Running" }).Time, "the container ran before the pod was scheduled");
    }

    [Fact]
    public async Task AnUnknownPodOrAnUnreachableClusterIsOneLineAndExitCode2()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["server"], Ct);
        var unknown = await PodlifeAsync(cluster, "timeline", "nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("Error from server (NotFound): podtimelines.podlife.dev \"nope\" not found (no pod of that name has been recorded)\n", unknown.StdErr);

        var config = Path.Combine(cluster.DataDir, "nowhere");
        await File.WriteAllTextAsync(config, Regex.Replace(await File.ReadAllTextAsync(cluster.KubeconfigPath, Ct), @"https://127\.0\.0\.1:\d+", "https://127.0.0.1:1"), Ct);
        var unreachable = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["timeline", "web", "--kubeconfig", config], cluster.Environment(), null, TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(2, unreachable.ExitCode);
        Assert.StartsWith("podlife timeline: cannot reach the cluster: ", unreachable.StdErr);
        Assert.Single(unreachable.StdErr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task OnAClusterWithoutHistoryTimelineSaysSoAndExplainsThePodWithExplainsExitCodes()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--no-history", "--speed", "10"], Ct);
        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
        var noTimelines = await cluster.KubectlAsync("get", "podtimelines");
        Assert.NotEqual(0, noTimelines.ExitCode);
        Assert.Contains("the server doesn't have a resource type \"podtimelines\"", noTimelines.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, (await cluster.KubectlWithInputAsync(Pod, "apply", "-f", "-")).ExitCode);
        Assert.Equal(0, (await cluster.KubectlAsync("run", "broken", "--image=nginx:doesnotexist")).ExitCode);
        Assert.Equal(0, (await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=60s")).ExitCode);
        Assert.Equal(0, (await cluster.KubectlAsync("wait", "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ImagePullBackOff", "pod/broken", "--timeout=60s")).ExitCode);

        var healthy = await PodlifeAsync(cluster, "timeline", "web");
        var trouble = await PodlifeAsync(cluster, "timeline", "broken");
        var unknown = await PodlifeAsync(cluster, "timeline", "nope");

        const string Note = "podlife timeline: this cluster does not record pod history (podtimelines.podlife.dev not served); explaining the pod from its status and events instead\n";
        Assert.Equal((0, Note), (healthy.ExitCode, healthy.StdErr));
        Assert.Contains("Stage:    normal operation", healthy.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Time in each stage", healthy.StdOut, StringComparison.Ordinal);
        Assert.Equal((1, Note), (trouble.ExitCode, trouble.StdErr));
        // After each failed pull the container waits in ErrImagePull until kubelet's next try (10 s later), which finds
        // the pull backed off: at speed 10 the two alternate within a second or two, so either may be current.
        Assert.Matches(@"Stage:    error - container broken is waiting: (ErrImagePull|ImagePullBackOff)", trouble.StdOut);
        Assert.Equal((2, Note + "Error from server (NotFound): pods \"nope\" not found\n"), (unknown.ExitCode, unknown.StdErr));
    }
}
