using System.Net;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Tests.Services;

/// <summary>core/v1 Services over HTTP: the addresses and node ports the server gives, and what an update keeps.</summary>
public sealed class ServiceApiTests : RawApiTests
{
    const string Services = "/api/v1/namespaces/default/services";

    static string Service(string name, string spec) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";

    async Task<JsonObject> CreatedAsync(string name, string spec)
    {
        var answer = await Raw.PostAsync(Http, Services, Service(name, spec));
        Assert.True(answer.Code == 201, answer.Body);
        return answer.Json;
    }

    static string At(JsonNode node, string path) =>
        path.Split('.').Aggregate((JsonNode?)node, (n, part) => int.TryParse(part, out var i) ? n?[i] : n?[part])?.ToJsonString().Trim('"') ?? "";

    [Fact]
    public async Task EveryClusterHasTheKubernetesServiceAtTheFirstAddress()
    {
        var service = (await Raw.GetAsync(Http, Services + "/kubernetes")).Json;

        Assert.Equal("10.96.0.1 ClusterIP https 443 TCP apiserver kubernetes", string.Join(" ", At(service, "spec.clusterIP"), At(service, "spec.type"),
            At(service, "spec.ports.0.name"), At(service, "spec.ports.0.port"), At(service, "spec.ports.0.protocol"),
            At(service, "metadata.labels.component"), At(service, "metadata.labels.provider")));
        Assert.Equal(Api.Host.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), At(service, "spec.ports.0.targetPort"));
    }

    [Fact]
    public async Task TheKubernetesServiceComesBackWithinTenSecondsOfItsDeletion()
    {
        Assert.Equal(200, (await Raw.DeleteAsync(Http, Services + "/kubernetes")).Code);
        Assert.Equal(404, (await Raw.GetAsync(Http, Services + "/kubernetes")).Code);

        Api.Clock.Advance(TimeSpan.FromSeconds(10));

        var back = await Raw.GetAsync(Http, Services + "/kubernetes");
        for (var i = 0; i < 100 && back.Code != 200; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            back = await Raw.GetAsync(Http, Services + "/kubernetes");
        }
        Assert.Equal((200, "10.96.0.1"), (back.Code, At(back.Json, "spec.clusterIP")));
    }

    [Fact]
    public async Task ACreatedServiceGetsTheDefaultsAndAnAddressAboveTheStaticBand()
    {
        var service = await CreatedAsync("web", """{"selector":{"app":"web"},"ports":[{"port":80}]}""");

        var spec = service["spec"]!;
        Assert.Equal("""{"loadBalancer":{}}""", service["status"]!.ToJsonString());
        Assert.Null(service["metadata"]!["generation"]); // only kinds whose strategy sets it have one (pods, here)
        Assert.Equal("ClusterIP None TCP 80 Cluster SingleStack [\"IPv4\"]", string.Join(" ", At(spec, "type"), At(spec, "sessionAffinity"),
            At(spec, "ports.0.protocol"), At(spec, "ports.0.targetPort"), At(spec, "internalTrafficPolicy"), At(spec, "ipFamilyPolicy"), spec["ipFamilies"]!.ToJsonString()));
        var ip = IPAddress.Parse(At(spec, "clusterIP")).GetAddressBytes();
        Assert.Equal(10, ip[0]);
        Assert.InRange(ip[1], 96, 111);
        Assert.False(ip[1] == 96 && ip[2] == 0, "random addresses come after the band kept for requested ones");
        Assert.Equal($"[\"{At(spec, "clusterIP")}\"]", spec["clusterIPs"]!.ToJsonString());
    }

    [Fact]
    public async Task ARequestedAddressIsGivenOnceAndMustBeInTheRange()
    {
        await CreatedAsync("first", """{"clusterIP":"10.96.0.10","ports":[{"port":53,"protocol":"UDP"}]}""");

        var taken = await Raw.PostAsync(Http, Services, Service("second", """{"clusterIP":"10.96.0.10","ports":[{"port":53}]}"""));
        Assert.Equal((422, "Service \"second\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: provided IP is already allocated"),
            (taken.Code, taken.Message));
        var outside = await Raw.PostAsync(Http, Services, Service("third", """{"clusterIP":"192.168.0.1","ports":[{"port":53}]}"""));
        Assert.Equal("Service \"third\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.0.1\"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
            outside.Message);
        var malformed = await Raw.PostAsync(Http, Services, Service("fourth", """{"clusterIP":"10.96.0","ports":[{"port":53}]}"""));
        Assert.Equal("Service \"fourth\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.96.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            malformed.Message);
        Assert.Equal(404, (await Raw.GetAsync(Http, Services + "/second")).Code);
    }

    [Fact]
    public async Task NodePortsAreGivenFromTheirRangeAndSharedByOnePortNumber()
    {
        var service = await CreatedAsync("dns", """{"type":"NodePort","ports":[{"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53},{"name":"metrics","port":9153}]}""");

        var ports = service["spec"]!["ports"]!.AsArray().Select(p => p!["nodePort"]!.GetValue<int>()).ToList();
        Assert.All(ports, p => Assert.InRange(p, 30086, 32767));
        Assert.Equal(ports[0], ports[1]);
        Assert.NotEqual(ports[0], ports[2]);
        Assert.Equal("Cluster", At(service, "spec.externalTrafficPolicy"));

        var taken = await Raw.PostAsync(Http, Services, Service("other", $$"""{"type":"NodePort","ports":[{"port":80,"nodePort":{{ports[2]}}}]}"""));
        Assert.Equal($"Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: {ports[2]}: provided port is already allocated", taken.Message);
        var outside = await Raw.PostAsync(Http, Services, Service("other", """{"type":"NodePort","ports":[{"port":80,"nodePort":8080}]}"""));
        Assert.Equal("Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767",
            outside.Message);
    }

    [Fact]
    public async Task AReplaceWithoutTheGivenValuesKeepsThemAndAChangedAddressIsRefused()
    {
        var created = await CreatedAsync("app", """{"type":"NodePort","selector":{"app":"web"},"ports":[{"name":"http","port":80}]}""");

        var replaced = await Raw.PutAsync(Http, Services + "/app", Service("app", """{"type":"NodePort","selector":{"app":"web2"},"ports":[{"name":"http","port":80}]}"""));
        Assert.True(replaced.Code == 200, replaced.Body);
        Assert.Equal(At(created, "spec.clusterIP") + " " + At(created, "spec.ports.0.nodePort"),
            At(replaced.Json, "spec.clusterIP") + " " + At(replaced.Json, "spec.ports.0.nodePort"));
        Assert.Equal("web2", At(replaced.Json, "spec.selector.app"));

        var moved = await Raw.PutAsync(Http, Services + "/app", Service("app", """{"type":"NodePort","clusterIP":"10.96.0.99","ports":[{"name":"http","port":80}]}"""));
        Assert.Equal((422, "Service \"app\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.99\"}: may not change once set"), (moved.Code, moved.Message));
    }

    [Fact]
    public async Task AChangeOfTypeDropsWhatTheOldTypeNeededAndGivesWhatTheNewOneNeeds()
    {
        await CreatedAsync("app", """{"type":"NodePort","ports":[{"port":80}]}""");

        var clusterIP = await Raw.SendAsync(Http, HttpMethod.Patch, Services + "/app", """{"spec":{"type":"ClusterIP"}}""", "application/merge-patch+json");
        Assert.True(clusterIP.Code == 200, clusterIP.Body);
        Assert.Null(clusterIP.Json["spec"]!["ports"]![0]!["nodePort"]);
        Assert.Null(clusterIP.Json["spec"]!["externalTrafficPolicy"]);

        var external = await Raw.SendAsync(Http, HttpMethod.Patch, Services + "/app", """{"spec":{"type":"ExternalName","externalName":"db.example.com"}}""", "application/merge-patch+json");
        Assert.True(external.Code == 200, external.Body);
        Assert.Equal("", At(external.Json, "spec.clusterIP") + At(external.Json, "spec.clusterIPs") + At(external.Json, "spec.ipFamilies"));

        var loadBalancer = await Raw.SendAsync(Http, HttpMethod.Patch, Services + "/app", """{"spec":{"type":"LoadBalancer","externalName":null}}""", "application/merge-patch+json");
        Assert.True(loadBalancer.Code == 200, loadBalancer.Body);
        Assert.StartsWith("10.", At(loadBalancer.Json, "spec.clusterIP"), StringComparison.Ordinal);
        Assert.InRange(loadBalancer.Json["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>(), 30000, 32767);
        Assert.Equal("true", At(loadBalancer.Json, "spec.allocateLoadBalancerNodePorts"));
    }

    [Fact]
    public async Task AHeadlessServiceWithoutSelectorIsDualStackAsInKubernetes()
    {
        var service = await CreatedAsync("peers", """{"clusterIP":"None","ports":[{"port":7000}]}""");

        Assert.Equal("None RequireDualStack [\"IPv4\",\"IPv6\"]",
            $"{At(service, "spec.clusterIP")} {At(service, "spec.ipFamilyPolicy")} {service["spec"]!["ipFamilies"]!.ToJsonString()}");
    }

    [Fact]
    public async Task TheTablePrintsKubectlsColumnsAndTheTypeCanBeSelected()
    {
        await CreatedAsync("np", """{"type":"NodePort","selector":{"app":"np"},"ports":[{"port":80,"nodePort":30080}]}""");

        var table = (await Raw.GetAsync(Http, Services + "?fieldSelector=spec.type%3DNodePort", Raw.TableAccept)).Json;
        Assert.Equal("Name Type Cluster-IP External-IP Port(s) Age Selector",
            string.Join(" ", table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())));
        var cells = table["rows"]!.AsArray().Single()!["cells"]!.AsArray().Select(c => c!.ToString()).ToList();
        Assert.Equal(["np", "NodePort", "<none>", "80:30080/TCP", "app=np"], [cells[0], cells[1], cells[3], cells[4], cells[6]]);
    }

    [Fact]
    public async Task CreatesAtOnceAskingForOneNodePortAndOneAddressGetThemOnce()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Raw.PostAsync(Http, Services,
            Service($"race-{i}", """{"type":"NodePort","clusterIP":"10.96.7.7","ports":[{"port":80,"nodePort":30777}]}"""))));

        Assert.Equal(1, answers.Count(a => a.Code == 201));
        Assert.All(answers.Where(a => a.Code != 201), a => Assert.Equal(422, a.Code));
    }

    [Fact]
    public async Task CreatesAtOnceGetDistinctAddressesAndNodePorts()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Raw.PostAsync(Http, Services,
            Service($"many-{i}", """{"type":"NodePort","ports":[{"port":80}]}"""))));

        Assert.All(answers, a => Assert.True(a.Code == 201, a.Body));
        Assert.Equal(40, answers.Select(a => At(a.Json, "spec.clusterIP")).Distinct().Count());
        Assert.Equal(40, answers.Select(a => At(a.Json, "spec.ports.0.nodePort")).Distinct().Count());
    }
}
