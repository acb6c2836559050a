using System.Text.Json.Nodes;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>
/// Objects are kept and answered in the form kube-apiserver's Go encoding gives them, whatever form a client sent:
/// metav1.Time with whole seconds in UTC (metav1.MicroTime with microseconds), and the fields Go always writes.
/// </summary>
public sealed class EncodedFormTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();
    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task APodStatusWrittenWithFractionsAndOffsetsIsKeptInWholeSecondsUtc()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("p", node: "n1"))).Code);
        const string status = """
            {"status":{"phase":"Running","startTime":"2026-11-01T12:00:01.987654Z",
              "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-01T14:00:02.5+02:00"}],
              "containerStatuses":[{"name":"main","image":"busybox:1.36","imageID":"","ready":true,"restartCount":1,"started":true,
                "state":{"running":{"startedAt":"2026-11-01T12:00:03.000001Z"}},
                "lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-11-01T12:00:00.1Z","finishedAt":"2026-11-01T12:00:00.9Z"}}}]}}
            """;

        var answer = await Raw.SendAsync(_api.Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/p/status", status, "application/merge-patch+json");
        Assert.Equal(200, answer.Code);
        var stored = (await Raw.GetAsync(_api.Http, "/api/v1/namespaces/default/pods/p")).Json;

        foreach (var pod in new[] { answer.Json, stored })
        {
            Assert.Equal("2026-11-01T12:00:01Z", (string?)pod["status"]!["startTime"]);
            var ready = pod["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!;
            Assert.Equal("2026-11-01T12:00:02Z", (string?)ready["lastTransitionTime"]);
            Assert.Null(ready["lastProbeTime"]);
            var container = pod["status"]!["containerStatuses"]![0]!;
            Assert.Equal("2026-11-01T12:00:03Z", (string?)container["state"]!["running"]!["startedAt"]);
            Assert.Equal("2026-11-01T12:00:00Z", (string?)container["lastState"]!["terminated"]!["startedAt"]);
            Assert.Equal("2026-11-01T12:00:00Z", (string?)container["lastState"]!["terminated"]!["finishedAt"]);
        }
    }

    [Fact]
    public async Task RewritingTheSameStatusWithOtherFractionsWithinItsSecondChangesNothing()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("p", node: "n1"))).Code);
        const string path = "/api/v1/namespaces/default/pods/p/status";
        var first = await Raw.SendAsync(_api.Http, HttpMethod.Patch, path, """{"status":{"startTime":"2026-11-01T12:00:01.2Z"}}""", "application/merge-patch+json");
        var second = await Raw.SendAsync(_api.Http, HttpMethod.Patch, path, """{"status":{"startTime":"2026-11-01T12:00:01.7Z"}}""", "application/merge-patch+json");

        Assert.Equal(first.Json["metadata"]!["resourceVersion"]!.GetValue<string>(), second.Json["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEventKeepsMicrosecondsInEventTimeAndWholeSecondsInItsTimestamps()
    {
        const string ev = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e1"},
             "involvedObject":{"kind":"Pod","name":"p","namespace":"default"},"reason":"Started","message":"m","type":"Normal",
             "firstTimestamp":"2026-11-01T12:00:01.250000Z","lastTimestamp":"2026-11-01T12:00:04.750000Z",
             "eventTime":"2026-11-01T12:00:01.250000Z","series":{"count":2,"lastObservedTime":"2026-11-01T12:00:04.750000Z"},
             "reportingComponent":"kubelet","reportingInstance":"n1","action":"Started"}
            """;
        var created = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/events", ev);
        Assert.Equal(201, created.Code);

        var core = (await Raw.GetAsync(_api.Http, "/api/v1/namespaces/default/events/e1")).Json;
        Assert.Equal("2026-11-01T12:00:01Z", (string?)core["firstTimestamp"]);
        Assert.Equal("2026-11-01T12:00:04Z", (string?)core["lastTimestamp"]);
        Assert.Equal("2026-11-01T12:00:01.250000Z", (string?)core["eventTime"]);
        Assert.Equal("2026-11-01T12:00:04.750000Z", (string?)core["series"]!["lastObservedTime"]);

        var v1 = (await Raw.GetAsync(_api.Http, "/apis/events.k8s.io/v1/namespaces/default/events/e1")).Json;
        Assert.Equal("2026-11-01T12:00:01Z", (string?)v1["deprecatedFirstTimestamp"]);
        Assert.Equal("2026-11-01T12:00:01.250000Z", (string?)v1["eventTime"]);
    }

    [Fact]
    public async Task ALeaseKeepsMicrosecondsAndANodeConditionWholeSeconds()
    {
        const string lease = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"n1"},
             "spec":{"holderIdentity":"n1","leaseDurationSeconds":40,"renewTime":"2026-11-01T12:00:01.123456Z","acquireTime":"2026-11-01T12:00:00.654321Z"}}
            """;
        var l = await Raw.PostAsync(_api.Http, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", lease);
        Assert.Equal(201, l.Code);
        Assert.Equal("2026-11-01T12:00:01.123456Z", (string?)l.Json["spec"]!["renewTime"]);
        Assert.Equal("2026-11-01T12:00:00.654321Z", (string?)l.Json["spec"]!["acquireTime"]);

        const string node = """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
             "status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
               "lastHeartbeatTime":"2026-11-01T12:00:05.999Z","lastTransitionTime":"2026-11-01T12:00:00.5Z"}]}}
            """;
        var n = await Raw.PostAsync(_api.Http, "/api/v1/nodes", node);
        Assert.Equal(201, n.Code);
        var ready = n.Json["status"]!["conditions"]![0]!;
        Assert.Equal("2026-11-01T12:00:05Z", (string?)ready["lastHeartbeatTime"]);
        Assert.Equal("2026-11-01T12:00:00Z", (string?)ready["lastTransitionTime"]);
    }

    [Fact]
    public async Task AnUnreadableTimeIsStillABadRequest()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("p", node: "n1"))).Code);

        var answer = await Raw.SendAsync(_api.Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/p/status",
            """{"status":{"startTime":"yesterday"}}""", "application/merge-patch+json");

        Assert.Equal(400, answer.Code);
        Assert.Equal("Status", (string?)answer.Json["kind"]);
    }

    [Fact]
    public async Task FieldsGoAlwaysWritesAreThereWhenAClientLeftThemOut()
    {
        // As KubernetesClient or a hand-written manifest sends them: no resources, no lastProbeTime, no lastState.
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
             "spec":{"nodeName":"n1","containers":[{"name":"main","image":"busybox:1.36"}],"initContainers":[{"name":"init","image":"busybox:1.36"}]}}
            """;
        var created = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", pod);
        Assert.Equal(201, created.Code);
        Assert.Equal("{}", created.Json["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
        Assert.Equal("{}", created.Json["spec"]!["initContainers"]![0]!["resources"]!.ToJsonString());

        const string status = """
            {"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-01T12:00:02Z"}],
              "containerStatuses":[{"name":"main","image":"busybox:1.36","imageID":"","ready":true,"restartCount":0,"started":true,
                "state":{"running":{}}}]}}
            """;
        var patched = await Raw.SendAsync(_api.Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/p/status", status, "application/merge-patch+json");
        Assert.Equal(200, patched.Code);
        var stored = (await Raw.GetAsync(_api.Http, "/api/v1/namespaces/default/pods/p")).Json;
        var ready = stored["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!.AsObject();
        Assert.True(ready.ContainsKey("lastProbeTime"));
        Assert.Null(ready["lastProbeTime"]);
        var container = stored["status"]!["containerStatuses"]![0]!.AsObject();
        Assert.Equal("{}", container["lastState"]!.ToJsonString());
        Assert.Equal("""{"running":{"startedAt":null}}""", container["state"]!.ToJsonString());
    }

    [Fact]
    public async Task AnEventWrittenThroughEitherApiHasGosUnsetFields()
    {
        const string core = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"kubelet"},"involvedObject":{"kind":"Pod","name":"p","namespace":"default"},
             "reason":"Started","message":"m","type":"Normal","source":{"component":"kubelet","host":"n1"},
             "firstTimestamp":"2026-11-01T12:00:01Z","lastTimestamp":"2026-11-01T12:00:01Z","count":1}
            """;
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/events", core)).Code);
        const string v1 = """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"scheduler"},"regarding":{"kind":"Pod","name":"p","namespace":"default"},
             "reason":"Scheduled","note":"Successfully assigned default/p to n1","type":"Normal","action":"Binding",
             "eventTime":"2026-11-01T12:00:00.500000Z","reportingController":"default-scheduler","reportingInstance":"default-scheduler-n1"}
            """;
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/apis/events.k8s.io/v1/namespaces/default/events", v1)).Code);

        // kubelet's core/v1 recorder leaves eventTime unset; the scheduler's events.k8s.io recorder the old timestamps and source.
        var kubelet = (await Raw.GetAsync(_api.Http, "/api/v1/namespaces/default/events/kubelet")).Json;
        Assert.True(kubelet.ContainsKey("eventTime"));
        Assert.Null(kubelet["eventTime"]);
        var scheduler = (await Raw.GetAsync(_api.Http, "/api/v1/namespaces/default/events/scheduler")).Json;
        Assert.Equal("{}", scheduler["source"]!.ToJsonString());
        Assert.True(scheduler.ContainsKey("firstTimestamp") && scheduler.ContainsKey("lastTimestamp"));
        Assert.Null(scheduler["firstTimestamp"]);
        var schedulerV1 = (await Raw.GetAsync(_api.Http, "/apis/events.k8s.io/v1/namespaces/default/events/scheduler")).Json;
        Assert.Equal("{}", schedulerV1["deprecatedSource"]!.ToJsonString());
        Assert.True(schedulerV1.ContainsKey("deprecatedFirstTimestamp"));
        Assert.Equal("default-scheduler", (string?)schedulerV1["reportingController"]);

        // core/v1 always writes reportingComponent and reportingInstance; events.k8s.io/v1 omits them when empty.
        Assert.Equal("", (string?)kubelet["reportingComponent"]);
        Assert.Equal("", (string?)kubelet["reportingInstance"]);
        var kubeletV1 = (await Raw.GetAsync(_api.Http, "/apis/events.k8s.io/v1/namespaces/default/events/kubelet")).Json;
        Assert.False(kubeletV1.ContainsKey("reportingController"));
        Assert.False(kubeletV1.ContainsKey("reportingInstance"));
        Assert.Equal("Started", (string?)kubeletV1["reason"]);
    }
}
