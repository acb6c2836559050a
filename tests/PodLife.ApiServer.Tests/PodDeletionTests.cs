using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>Pod deletion, binding and status writes as kube-apiserver's pod registry does them (spec/lifecycle.md §10).</summary>
public sealed class PodDeletionTests : RawApiTests
{
    const string Pods = "/api/v1/namespaces/default/pods";

    async Task<Raw.Answer> GetPodAsync(string name) => await Raw.GetAsync(Http, $"{Pods}/{name}");

    [Fact]
    public async Task ABoundPodGetsADeletionTimestampGracePeriodAndStaysUntilDeletedWithGraceZero()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web", node: "n1"));
        var deleted = await Raw.DeleteAsync(Http, $"{Pods}/web");
        Assert.Equal(200, deleted.Code);
        var meta = deleted.Json["metadata"]!;
        Assert.Equal("2026-11-01T12:00:30Z", meta["deletionTimestamp"]!.GetValue<string>());
        Assert.Equal(30, meta["deletionGracePeriodSeconds"]!.GetValue<long>());

        var table = await Raw.GetAsync(Http, $"{Pods}/web", Raw.TableAccept);
        Assert.Equal("Terminating", table.Json["rows"]![0]!["cells"]![2]!.GetValue<string>());

        var final = await Raw.DeleteAsync(Http, $"{Pods}/web", """{"gracePeriodSeconds":0}""");
        Assert.Equal(200, final.Code);
        Assert.Equal(404, (await GetPodAsync("web")).Code);
    }

    [Theory]
    [InlineData(null, "Pending")]      // unbound: nothing runs it, so it goes at once
    [InlineData("n1", "Succeeded")]    // terminal: nothing left to stop
    [InlineData("n1", "Failed")]
    public async Task UnboundAndTerminalPodsAreDeletedAtOnce(string? node, string phase)
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web", node));
        await Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/web/status", "{\"status\":{\"phase\":\"" + phase + "\"}}", "application/merge-patch+json");
        await Raw.DeleteAsync(Http, $"{Pods}/web");
        Assert.Equal(404, (await GetPodAsync("web")).Code);
    }

    [Fact]
    public async Task AFinalizerKeepsADeletedPodUntilItIsRemoved()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web", extraMetadata: ",\"finalizers\":[\"example.com/keep\"]"));
        await Raw.DeleteAsync(Http, $"{Pods}/web");
        var kept = await GetPodAsync("web");
        Assert.Equal(200, kept.Code);
        Assert.NotNull(kept.Json["metadata"]!["deletionTimestamp"]);

        await Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/web", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(404, (await GetPodAsync("web")).Code);
    }

    [Fact]
    public async Task ADeleteWithAWrongUidPreconditionIsAConflict()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web"));
        var uid = (await GetPodAsync("web")).Json["metadata"]!["uid"]!.GetValue<string>();
        var answer = await Raw.DeleteAsync(Http, $"{Pods}/web", """{"preconditions":{"uid":"123"}}""");
        Assert.Equal(409, answer.Code);
        Assert.Equal($"Operation cannot be fulfilled on pods \"web\": Precondition failed: UID in precondition: 123, UID in object meta: {uid}", answer.Message);
    }

    [Fact]
    public async Task BindingSetsTheNodeAndPodScheduledOnceAndASecondBindingIsAConflict()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web"));
        const string binding = """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web"},"target":{"kind":"Node","name":"n1"}}""";
        var bound = await Raw.PostAsync(Http, $"{Pods}/web/binding", binding);
        Assert.Equal(201, bound.Code);
        Assert.Equal("Success", bound.Json["status"]!.GetValue<string>());

        var pod = (await GetPodAsync("web")).Json;
        Assert.Equal("n1", pod["spec"]!["nodeName"]!.GetValue<string>());
        var scheduled = pod["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "PodScheduled")!;
        Assert.Equal("True", scheduled["status"]!.GetValue<string>());
        Assert.Equal("2026-11-01T12:00:00Z", scheduled["lastTransitionTime"]!.GetValue<string>());

        var again = await Raw.PostAsync(Http, $"{Pods}/web/binding", binding.Replace("n1", "n2"));
        Assert.Equal(409, again.Code);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"n1\"", again.Message);
    }

    [Fact]
    public async Task AStatusUpdateIgnoresSpecChangesAndAnUpdateIgnoresStatusChanges()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web"));
        var pod = (await GetPodAsync("web")).Json;
        pod["status"]!["phase"] = "Running";
        pod["spec"]!["containers"]![0]!["image"] = "busybox:9";
        var afterStatus = (await Raw.PutAsync(Http, $"{Pods}/web/status", pod.ToJsonString())).Json;
        Assert.Equal("Running", afterStatus["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("busybox:1.36", afterStatus["spec"]!["containers"]![0]!["image"]!.GetValue<string>());

        afterStatus["status"]!["phase"] = "Failed";
        afterStatus["spec"]!["containers"]![0]!["image"] = "busybox:9";
        var afterUpdate = (await Raw.PutAsync(Http, $"{Pods}/web", afterStatus.ToJsonString())).Json;
        Assert.Equal("Running", afterUpdate["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("busybox:9", afterUpdate["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task EvictionDeletesThePodLikeADelete()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web"));
        var answer = await Raw.PostAsync(Http, $"{Pods}/web/eviction", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web"}}""");
        Assert.Equal(201, answer.Code);
        Assert.Equal(404, (await GetPodAsync("web")).Code);
    }

    [Fact]
    public async Task ACollectionDeleteRemovesEveryMatchingPodOnceAndAnswersThemInListOrder()
    {
        for (var i = 0; i < 40; i++)
        {
            var labels = i % 2 == 0 ? ",\"labels\":{\"app\":\"bench\"}" : "";
            Assert.Equal(201, (await Raw.PostAsync(Http, Pods, Raw.PodJson($"p{i:D2}", extraMetadata: labels))).Code);
        }
        // A bound pod with the default grace period is marked, not removed.
        Assert.Equal(201, (await Raw.PostAsync(Http, Pods, Raw.PodJson("bound", node: "n1", extraMetadata: ",\"labels\":{\"app\":\"bench\"}"))).Code);

        var answer = await Raw.DeleteAsync(Http, Pods + "?labelSelector=app%3Dbench");

        Assert.Equal(200, answer.Code);
        var names = answer.Json["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["bound", .. Enumerable.Range(0, 20).Select(i => $"p{i * 2:D2}")], names);
        // A PodList whose items are the pods as deleted (the bound one marked), without kind or apiVersion, as kube-apiserver's.
        Assert.Equal("PodList", answer.Json["kind"]!.GetValue<string>());
        Assert.All(answer.Json["items"]!.AsArray(), p => Assert.Null(p!["kind"]));
        Assert.NotNull(answer.Json["items"]![0]!["metadata"]!["deletionTimestamp"]);
        var left = (await Raw.GetAsync(Http, Pods)).Json["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["bound", .. Enumerable.Range(0, 20).Select(i => $"p{i * 2 + 1:D2}")], left);
        Assert.NotNull((await GetPodAsync("bound")).Json["metadata"]!["deletionTimestamp"]);
    }
}
