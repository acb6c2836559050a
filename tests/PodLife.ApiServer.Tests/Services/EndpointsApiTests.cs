namespace PodLife.ApiServer.Tests.Services;

/// <summary>core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlices over HTTP: defaults, validation and columns.</summary>
public sealed class EndpointsApiTests : RawApiTests
{
    const string Endpoints = "/api/v1/namespaces/default/endpoints";
    const string Slices = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices";

    [Fact]
    public async Task EndpointsGetTheDefaultProtocolAndPrintTheirReadyAddresses()
    {
        var created = await Raw.PostAsync(Http, Endpoints,
            """{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db"},"subsets":[{"addresses":[{"ip":"192.0.2.1"}],"notReadyAddresses":[{"ip":"192.0.2.2"}],"ports":[{"port":5432}]}]}""");
        Assert.True(created.Code == 201, created.Body);
        Assert.Equal("TCP", created.Json["subsets"]![0]!["ports"]![0]!["protocol"]!.GetValue<string>());

        var table = (await Raw.GetAsync(Http, Endpoints + "/db", Raw.TableAccept)).Json;
        Assert.Equal("Name Endpoints Age", string.Join(" ", table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())));
        Assert.Equal("192.0.2.1:5432", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task AServicesEndpointsGoInTheDeleteOfTheService()
    {
        Assert.Equal(201, (await Raw.PostAsync(Http, "/api/v1/namespaces/default/services",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"ports":[{"port":5432}]}}""")).Code);
        Assert.Equal(201, (await Raw.PostAsync(Http, Endpoints,
            """{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db"},"subsets":[{"addresses":[{"ip":"192.0.2.1"}],"ports":[{"port":5432}]}]}""")).Code);

        Assert.Equal(200, (await Raw.DeleteAsync(Http, "/api/v1/namespaces/default/services/db")).Code);

        Assert.Equal(404, (await Raw.GetAsync(Http, Endpoints + "/db")).Code);
    }

    [Fact]
    public async Task BadAddressesAndPortsAreRefusedWithKubernetesMessages()
    {
        var bad = await Raw.PostAsync(Http, Endpoints,
            """{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db"},"subsets":[{"addresses":[{"ip":"127.0.0.1"},{"ip":"x"}],"ports":[{"port":0,"protocol":"HTTP"}]},{"ports":[{"port":1}]}]}""");

        Assert.Equal(422, bad.Code);
        Assert.Equal("Endpoints \"db\" is invalid: [subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128), "
            + "subsets[0].addresses[1].ip: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), "
            + "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
            + "subsets[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\", "
            + "subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`]", bad.Message);
    }

    [Fact]
    public async Task ASliceIsValidatedByItsAddressTypeAndPrintsItsPorts()
    {
        var bad = await Raw.PostAsync(Http, Slices,
            """{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"db-1"},"addressType":"IPv4","endpoints":[{"addresses":["fd00::1"]}]}""");
        Assert.Equal("EndpointSlice.discovery.k8s.io \"db-1\" is invalid: endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address", bad.Message);

        var created = await Raw.PostAsync(Http, Slices,
            """{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"db-1"},"addressType":"IPv4","ports":[{"port":5432}],"endpoints":[{"addresses":["192.0.2.1"]}]}""");
        Assert.True(created.Code == 201, created.Body);
        Assert.Equal("""{"name":"","port":5432,"protocol":"TCP"}""", created.Json["ports"]![0]!.ToJsonString());
        Assert.Equal("{}", created.Json["endpoints"]![0]!["conditions"]!.ToJsonString());

        var cells = (await Raw.GetAsync(Http, Slices + "/db-1", Raw.TableAccept)).Json["rows"]![0]!["cells"]!.AsArray().Select(c => c!.ToString()).ToList();
        Assert.Equal(["db-1", "IPv4", "5432", "192.0.2.1"], cells.Take(4));
    }
}
