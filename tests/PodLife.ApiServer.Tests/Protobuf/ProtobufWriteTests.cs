using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Protobuf;
using PodLife.Testing;
using static PodLife.ApiServer.Tests.Protobuf.ProtobufTestObjects;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>
/// Typed Go clients' writes in protobuf (a kubelet's node and node status, kube-scheduler's events and bindings, a pod
/// with everything) store exactly what the same object sent as JSON stores.
/// </summary>
public sealed class ProtobufWriteTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    async Task<Raw.Answer> SendProtobufAsync(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ProtobufEnvelope.MediaType);
        using var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return new((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "");
    }

    async Task<JsonObject> GetAsync(string path)
    {
        var answer = await Raw.GetAsync(_api.Http, path);
        Assert.Equal(200, answer.Code);
        return answer.Json;
    }

    // The object without what the server assigns per object, keys sorted, so two creates of one object compare equal.
    static string Comparable(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        foreach (var key in new[] { "name", "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation" }) metadata.Remove(key);
        return Sorted(obj)!.ToJsonString();
    }

    static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    [Fact]
    public async Task AKubeletsNodeInProtobufIsStoredLikeTheSameNodeInJson()
    {
        var proto = await SendProtobufAsync(HttpMethod.Post, "/api/v1/nodes", ProtoBuilder.Envelope("v1", "Node", Node("n-proto")));
        var json = await Raw.PostAsync(_api.Http, "/api/v1/nodes", NodeJson("n-json"));

        Assert.True(proto.Code == 201, proto.Body);
        Assert.Equal(201, json.Code);
        Assert.Equal(Comparable(await GetAsync("/api/v1/nodes/n-json")), Comparable(await GetAsync("/api/v1/nodes/n-proto")));
    }

    [Fact]
    public async Task AKubeletUpdatesItsNodeAndNodeStatusInProtobuf()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/nodes", NodeJson("n1"))).Code);
        var version = (await GetAsync("/api/v1/nodes/n1"))["metadata"]!["resourceVersion"]!.GetValue<string>();

        // The kubelet's node status update: Ready turns False, the rest as it was.
        var status = ProtoBuilder.Envelope("v1", "Node", Node("n1", version));
        var update = await SendProtobufAsync(HttpMethod.Put, "/api/v1/nodes/n1/status", status);
        var afterStatus = await GetAsync("/api/v1/nodes/n1");

        Assert.True(update.Code == 200, update.Body);
        Assert.Equal("v1.32.4", afterStatus["status"]!["nodeInfo"]!["kubeletVersion"]!.GetValue<string>());
        Assert.Equal(10250, afterStatus["status"]!["daemonEndpoints"]!["kubeletEndpoint"]!["Port"]!.GetValue<int>());

        var node = ProtoBuilder.Envelope("v1", "Node", Node("n1", afterStatus["metadata"]!["resourceVersion"]!.GetValue<string>()));
        var nodeUpdate = await SendProtobufAsync(HttpMethod.Put, "/api/v1/nodes/n1", node);

        Assert.True(nodeUpdate.Code == 200, nodeUpdate.Body);
        Assert.Equal("ext-1", (await GetAsync("/api/v1/nodes/n1"))["spec"]!["externalID"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEventsV1EventInProtobufIsStoredLikeTheSameEventInJson()
    {
        const string events = "/apis/events.k8s.io/v1/namespaces/default/events";
        var proto = await SendProtobufAsync(HttpMethod.Post, events, ProtoBuilder.Envelope("events.k8s.io/v1", "Event", Event("e-proto")));
        var json = await Raw.PostAsync(_api.Http, events, EventJson("e-json"));
        var stored = await GetAsync($"{events}/e-proto");

        Assert.True(proto.Code == 201, proto.Body);
        Assert.Equal(201, json.Code);
        Assert.Equal("2026-11-01T12:00:00.123456Z", stored["eventTime"]!.GetValue<string>());
        Assert.Equal(Comparable(await GetAsync($"{events}/e-json")), Comparable(stored));
    }

    [Fact]
    public async Task APodWithEveryVolumeSourceAndAffinityInProtobufIsStoredLikeTheSamePodInJson()
    {
        var proto = await SendProtobufAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", ProtoBuilder.Envelope("v1", "Pod", Pod("p-proto")));
        var json = await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", PodJson("p-json"));
        var stored = await GetAsync("/api/v1/namespaces/default/pods/p-proto");

        Assert.True(proto.Code == 201, proto.Body);
        Assert.True(json.Code == 201, json.Body);
        Assert.Equal(30, stored["spec"]!["volumes"]!.AsArray().Count);
        Assert.Equal(Sorted((await GetAsync("/api/v1/namespaces/default/pods/p-json"))["spec"])!.ToJsonString(), Sorted(stored["spec"])!.ToJsonString());
    }

    [Fact]
    public async Task AClientsPodStatusUpdateInProtobufIsStored()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web", node: "n1"))).Code);
        var pod = await GetAsync("/api/v1/namespaces/default/pods/web");
        var started = new DateTimeOffset(2026, 11, 1, 12, 0, 1, TimeSpan.Zero);
        var status = new ProtoBuilder().Str(1, "Running").Str(5, "10.0.0.5").Str(6, "10.244.1.7").Msg(7, ProtoBuilder.Time(started))
            .Msg(2, new ProtoBuilder().Str(1, "Ready").Str(2, "True").Msg(4, ProtoBuilder.Time(started)))
            .Msg(8, new ProtoBuilder().Str(1, "main").Msg(2, new ProtoBuilder().Msg(2, new ProtoBuilder().Msg(1, ProtoBuilder.Time(started))))
                .Bool(4, true).Int(5, 0).Str(6, "busybox:1.36").Str(7, "docker.io/library/busybox@sha256:1").Str(8, "containerd://abc").Bool(9, true));
        var body = new ProtoBuilder()
            .Msg(1, new ProtoBuilder().Str(1, "web").Str(3, "default").Str(6, pod["metadata"]!["resourceVersion"]!.GetValue<string>()))
            .Msg(2, new ProtoBuilder().Msg(2, new ProtoBuilder().Str(1, "main").Str(2, "busybox:1.36")).Str(10, "n1"))
            .Msg(3, status);

        var update = await SendProtobufAsync(HttpMethod.Put, "/api/v1/namespaces/default/pods/web/status", ProtoBuilder.Envelope("v1", "Pod", body));
        var stored = (await GetAsync("/api/v1/namespaces/default/pods/web"))["status"]!;

        Assert.True(update.Code == 200, update.Body);
        Assert.Equal("Running", stored["phase"]!.GetValue<string>());
        Assert.Equal("2026-11-01T12:00:01Z", stored["containerStatuses"]![0]!["state"]!["running"]!["startedAt"]!.GetValue<string>());
        Assert.Equal(0, stored["containerStatuses"]![0]!["restartCount"]!.GetValue<int>());
        Assert.True(stored["containerStatuses"]![0]!["ready"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ASchedulersBindingInProtobufBindsThePod()
    {
        Assert.Equal(201, (await Raw.PostAsync(_api.Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web"))).Code);
        var binding = new ProtoBuilder()
            .Msg(1, new ProtoBuilder().Str(1, "web").Str(3, "default"))
            .Msg(2, new ProtoBuilder().Str(1, "Node").Str(3, "n1"));

        var bind = await SendProtobufAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods/web/binding", ProtoBuilder.Envelope("v1", "Binding", binding));

        Assert.True(bind.Code == 201, bind.Body);
        Assert.Equal("n1", (await GetAsync("/api/v1/namespaces/default/pods/web"))["spec"]!["nodeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task AKindWithoutAProtobufSchemaIsUnsupportedMediaTypeSoTheClientCanSendJson()
    {
        var endpoints = new ProtoBuilder().Msg(1, new ProtoBuilder().Str(1, "svc"));

        var answer = await SendProtobufAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ProtoBuilder.Envelope("v1", "Endpoints", endpoints));

        Assert.Equal(415, answer.Code);
        Assert.Equal("UnsupportedMediaType", answer.Json["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANodeFieldThisServerDoesNotKnowIsABadRequestNotA500()
    {
        // NodeStatus field 99 does not exist (yet).
        var node = new ProtoBuilder().Msg(1, new ProtoBuilder().Str(1, "n1")).Msg(3, new ProtoBuilder().Str(99, "x"));

        var answer = await SendProtobufAsync(HttpMethod.Post, "/api/v1/nodes", ProtoBuilder.Envelope("v1", "Node", node));

        Assert.Equal(400, answer.Code);
        Assert.Equal("BadRequest", answer.Json["reason"]!.GetValue<string>());
        Assert.Equal("proto: field number 99 of status is not supported by this server", answer.Json["message"]!.GetValue<string>());
    }
}
