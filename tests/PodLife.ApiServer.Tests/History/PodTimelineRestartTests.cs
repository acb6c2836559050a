using k8s;
using Microsoft.Extensions.Time.Testing;
using PodLife.ApiServer.Hosting;
using PodLife.Core.History;
using PodLife.Store;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The history lives in the same durable store as the pods: a restarted server serves it and keeps recording.</summary>
public sealed class PodTimelineRestartTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    const string Timeline = "/apis/podlife.dev/v1/namespaces/default/podtimelines/web";

    // The store outlives the server; the fixture removes only the server's own directory (certificates, tokens).
    static async Task<(ApiServerFixture Api, IStore Store)> StartAsync(string storeDir, FakeTimeProvider clock, TimeSpan? flushInterval = null)
    {
        var store = await StoreFactory.OpenAsync(new StoreOptions { Backend = StoreBackend.Sqlite, DataDir = storeDir }, Ct);
        var serverDir = Directory.CreateTempSubdirectory("podlife-api-").FullName;
        var options = new ApiServerOptions { DataDir = serverDir, Port = 0, Clock = clock, Store = store };
        if (flushInterval is { } interval) options = options with { HistoryFlushInterval = interval };
        var host = await ApiServerHost.StartAsync(options, Ct);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig()));
        return (new ApiServerFixture { Host = host, DataDir = serverDir, Clock = clock, Client = client }, store);
    }

    [Fact]
    public async Task TheTimelineSurvivesARestartAndTheRestartedServerKeepsAppendingToIt()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        PodTimeline before;
        var (api, store) = await StartAsync(dir.Path, clock);
        await using (store)
        await using (api)
        {
            var pod = new PodLifeScript(api);
            var started = pod.Now.AddSeconds(3);
            await pod.CreateAsync();
            await pod.BindAsync(TimeSpan.FromSeconds(1));
            await pod.StatusAsync(TimeSpan.FromSeconds(2), "Running", ready: true, pod.App.Running(started).Ready());
            before = PodTimelineJson.FromJson((await Raw.GetAsync(api.Http, Timeline)).Json);
        }

        (api, store) = await StartAsync(dir.Path, clock);
        await using (store)
        await using (api)
        {
            var after = PodTimelineJson.FromJson((await Raw.GetAsync(api.Http, Timeline)).Json);
            Assert.Equal(before.Entries, after.Entries);
            Assert.Equal(before.Current, after.Current);

            clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(200, (await Raw.DeleteAsync(api.Http, "/api/v1/namespaces/default/pods/web", """{"gracePeriodSeconds":0}""")).Code);
            var deleted = PodTimelineJson.FromJson((await Raw.GetAsync(api.Http, Timeline)).Json);
            Assert.Equal(clock.GetUtcNow(), deleted.PodDeletedAt);
            Assert.Equal(before.Entries, deleted.Entries.Take(before.Entries.Count));
        }
    }

    [Fact]
    public async Task AServerThatStopsWritesTheHistoryStillWaitingInMemory()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        // No flush comes due while it runs: what it recorded is written only when it stops.
        var (api, store) = await StartAsync(dir.Path, clock, TimeSpan.FromHours(1));
        await using (store)
        {
            await using (api)
            {
                var pod = new PodLifeScript(api);
                await pod.CreateAsync();
                await pod.BindAsync(TimeSpan.FromSeconds(1));
                Assert.Null(await store.GetAsync("/registry/podlife.dev/podtimelines/default/web", Ct));
            }
            var stored = await store.GetAsync("/registry/podlife.dev/podtimelines/default/web", Ct);
            var timeline = PodTimelineJson.FromJson(System.Text.Json.Nodes.JsonNode.Parse(stored!.Value)!.AsObject());
            Assert.Contains(timeline.Entries, e => e is { Kind: TimelineEntryKind.Condition, Name: "PodScheduled", To: "True" });
        }
    }
}
