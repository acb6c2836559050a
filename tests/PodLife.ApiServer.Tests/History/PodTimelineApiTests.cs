using System.Text.Json.Nodes;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>podtimelines.podlife.dev over HTTP: recorded from pod and event writes, read-only, listed, watched, printed.</summary>
public sealed class PodTimelineApiTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;
    PodLifeScript _pod = null!;
    const string Timelines = "/apis/podlife.dev/v1/namespaces/default/podtimelines";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiServerFixture.StartAsync();
        _pod = new PodLifeScript(_api);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    async Task<PodTimeline> TimelineAsync(string name = "web")
    {
        var answer = await Raw.GetAsync(_api.Http, $"{Timelines}/{name}");
        Assert.True(answer.Code == 200, answer.Body);
        return PodTimelineJson.FromJson(answer.Json);
    }

    async Task LiveAsync()
    {
        var started = _pod.Now.AddSeconds(5);
        var created = await _pod.CreateAsync();
        await _pod.BindAsync(TimeSpan.FromSeconds(1));
        await _pod.EventAsync("Scheduled", "Normal", "Successfully assigned default/web to node-1");
        await _pod.StatusAsync(TimeSpan.FromSeconds(1), "Pending", ready: false, _pod.App.Waiting("ContainerCreating"));
        await _pod.StatusAsync(TimeSpan.FromSeconds(3), "Running", ready: false, _pod.App.Running(started));
        await _pod.StatusAsync(TimeSpan.FromSeconds(2), "Running", ready: true, _pod.App.Running(started).Ready());
        Assert.NotNull(created.Metadata.Uid);
    }

    [Fact]
    public async Task TheExplanationSubresourceServesTheExplainEnginesVerdictOnTheLivePodAndIsListedInDiscovery()
    {
        await LiveAsync();

        var answer = await Raw.GetAsync(_api.Http, $"{Timelines}/web/explanation");
        var missing = await Raw.GetAsync(_api.Http, $"{Timelines}/nope/explanation");
        var discovery = await Raw.GetAsync(_api.Http, "/apis/podlife.dev/v1");

        Assert.True(answer.Code == 200, answer.Body);
        Assert.Equal(("podlife.dev/v1", "PodExplanation", "web", "normalOperation", "healthy"),
            ((string?)answer.Json["apiVersion"], (string?)answer.Json["kind"], (string?)answer.Json["name"], (string?)answer.Json["stage"], (string?)answer.Json["health"]));
        Assert.Equal("nothing: the pod runs until it is deleted or its containers exit", (string?)answer.Json["next"]![0]);
        Assert.Contains("initializing", answer.Json["history"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((404, "pods \"nope\" not found"), (missing.Code, (string?)missing.Json["message"]));
        var sub = discovery.Json["resources"]!.AsArray().Single(r => (string?)r!["name"] == "podtimelines/explanation")!;
        Assert.Equal(("PodExplanation", "[\"get\"]"), ((string?)sub["kind"], sub["verbs"]!.ToJsonString()));
    }

    [Fact]
    public async Task EveryTransitionOfAPodIsRecordedInOrderWithTheTimeItHappened()
    {
        var t0 = _api.Clock.GetUtcNow();
        await LiveAsync();
        var t = await TimelineAsync();
        string Line(TimelineEntry e) => $"+{(e.Time - t0).TotalSeconds}s {e.Kind} {e.Name} {e.From}->{e.To} {e.Reason}".TrimEnd();
        Assert.Equal(
        [
            "+0s Phase  ->Pending",
            "+0s Stage  ->Initializing",
            "+1s Condition PodScheduled ->True",
            "+1s Event Scheduled ->Normal",
            "+2s Condition Initialized ->True",
            "+2s Condition Ready ->False ContainersNotReady",
            "+2s Container app ->Waiting ContainerCreating",
            "+5s Phase  Pending->Running",
            "+5s Container app Waiting->Running",
            "+5s Stage  Initializing->ReadyToRun",
            "+7s Condition Ready False->True",
            "+7s Container app ->Running",
            "+7s Stage  ReadyToRun->NormalOperation",
        ], t.Entries.Select(Line));
        Assert.Equal(new TimelineCurrent("NormalOperation", "Running", "", t0.AddSeconds(7), 0), t.Current);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, t.Labels);
    }

    [Fact]
    public async Task ARepeatedEventRaisesTheCountOfOneEntry()
    {
        await LiveAsync();
        await _pod.EventAsync("BackOff", "Warning", "Back-off restarting failed container app", 1, "web.backoff");
        _api.Clock.Advance(TimeSpan.FromSeconds(10));
        await _pod.EventAsync("BackOff", "Warning", "Back-off restarting failed container app", 4, "web.backoff");
        var entry = Assert.Single((await TimelineAsync()).Entries, e => e.Name == "BackOff");
        Assert.Equal(4, entry.Count);
    }

    [Fact]
    public async Task ADeletedPodKeepsItsTimelineUntilTheRetentionSweepsIt()
    {
        await LiveAsync();
        Assert.Equal(200, (await Raw.DeleteAsync(_api.Http, "/api/v1/namespaces/default/pods/web", """{"gracePeriodSeconds":0}""")).Code);
        var deletedAt = _api.Clock.GetUtcNow();
        Assert.Equal(deletedAt, (await TimelineAsync()).PodDeletedAt);

        _api.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _api.Host.History.SweepAsync(Ct));
        Assert.Equal("Terminated", (await TimelineAsync()).Current!.Stage);

        _api.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _api.Host.History.SweepAsync(Ct));
        Assert.Equal(404, (await Raw.GetAsync(_api.Http, $"{Timelines}/web")).Code);
    }

    [Theory]
    [InlineData("POST", "")]
    [InlineData("PUT", "/web")]
    [InlineData("PATCH", "/web")]
    [InlineData("DELETE", "/web")]
    [InlineData("DELETE", "")]
    public async Task PodTimelinesAreReadOnly(string method, string path)
    {
        await _pod.CreateAsync();
        var answer = await Raw.SendAsync(_api.Http, new HttpMethod(method), Timelines + path, """{"metadata":{"name":"web"}}""",
            method == "PATCH" ? "application/merge-patch+json" : "application/json");
        Assert.Equal((405, "MethodNotAllowed"), (answer.Code, answer.Reason));
        Assert.Equal(200, (await Raw.GetAsync(_api.Http, $"{Timelines}/web")).Code);
    }

    [Fact]
    public async Task DiscoveryListsPodTimelinesAsReadOnlyWithTheShortNamePt()
    {
        var groups = (await Raw.GetAsync(_api.Http, "/apis")).Json["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>());
        Assert.Contains("podlife.dev", groups);
        Assert.Equal("podlife.dev/v1", (await Raw.GetAsync(_api.Http, "/apis/podlife.dev")).Json["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var resource = (await Raw.GetAsync(_api.Http, "/apis/podlife.dev/v1")).Json["resources"]![0]!;
        Assert.Equal(("podtimelines", "PodTimeline", true), (resource["name"]!.GetValue<string>(), resource["kind"]!.GetValue<string>(), resource["namespaced"]!.GetValue<bool>()));
        Assert.Equal(["get", "list", "watch"], resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["pt"], resource["shortNames"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task TheTableShowsStagePhaseRestartsLastReasonAndTimeInStage()
    {
        await LiveAsync();
        _api.Clock.Advance(TimeSpan.FromSeconds(30));
        var table = (await Raw.GetAsync(_api.Http, Timelines, Raw.TableAccept)).Json;
        Assert.Equal(["Name", "Stage", "Phase", "Restarts", "Last Reason", "In Stage", "Age"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["web", "NormalOperation", "Running", "0", "ContainerCreating", "30s", "37s"],
            table["rows"]![0]!["cells"]!.AsArray().Select(c => c!.ToJsonString().Trim('"')));
    }

    [Fact]
    public async Task TimelinesAreListedByTheirPodsLabelsAndAcrossNamespaces()
    {
        await _pod.CreateAsync();
        await new PodLifeScript(_api, "db").CreateAsync();
        var selected = (await Raw.GetAsync(_api.Http, $"{Timelines}?labelSelector=app%3Ddb")).Json;
        Assert.Equal(["db"], selected["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        var all = (await Raw.GetAsync(_api.Http, "/apis/podlife.dev/v1/podtimelines?limit=1")).Json;
        Assert.Single(all["items"]!.AsArray());
        Assert.NotNull(all["metadata"]!["continue"]);
    }

    [Fact]
    public async Task AWatchSeesTheTimelineChangeWithThePod()
    {
        await _pod.CreateAsync();
        var rv = (await Raw.GetAsync(_api.Http, $"{Timelines}/web")).Json["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var http = _api.Http;
        using var stream = new StreamReader(await http.GetStreamAsync($"{Timelines}?watch=1&resourceVersion={rv}", Ct));
        await _pod.BindAsync(TimeSpan.FromSeconds(1));
        var line = JsonNode.Parse((await stream.ReadLineAsync(Ct))!)!;
        Assert.Equal("MODIFIED", line["type"]!.GetValue<string>());
        Assert.Contains(line["object"]!["entries"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "PodScheduled");
    }

    [Fact]
    public async Task AGetOrListOfTimelinesSeesEveryWriteBeforeItWhileTheirFlushIsNotDue()
    {
        await using var api = await ApiServerFixture.StartAsync(historyFlushInterval: TimeSpan.FromHours(1));
        var pod = new PodLifeScript(api);
        await pod.CreateAsync();
        var got = PodTimelineJson.FromJson((await Raw.GetAsync(api.Http, $"{Timelines}/web")).Json);
        await pod.BindAsync(TimeSpan.FromSeconds(1));
        var listed = (await Raw.GetAsync(api.Http, Timelines)).Json["items"]!.AsArray().Select(i => PodTimelineJson.FromJson(i!.AsObject())).Single();

        Assert.Equal("Pending", got.Current!.Phase);
        Assert.DoesNotContain(got.Entries, e => e.Name == "PodScheduled");
        Assert.Contains(listed.Entries, e => e is { Name: "PodScheduled", To: "True" });
    }
}
