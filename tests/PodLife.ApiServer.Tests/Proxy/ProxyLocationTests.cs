using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Proxy;

namespace PodLife.ApiServer.Tests.Proxy;

/// <summary>Where pods/proxy and services/proxy requests go, by kube-apiserver's ResourceLocation rules.</summary>
public sealed class ProxyLocationTests
{
    [Theory]
    [InlineData("web", "", "web", "")]
    [InlineData("web:8080", "", "web", "8080")]
    [InlineData("https:web:443", "https", "web", "443")]
    [InlineData("http:web:", "http", "web", "")]
    [InlineData("web:metrics", "", "web", "metrics")]
    public void AProxyIdIsANameWithAnOptionalSchemeAndPort(string id, string scheme, string name, string port)
    {
        Assert.True(ProxyLocation.TrySplit(id, out var s, out var n, out var p));
        Assert.Equal((scheme, name, port), (s, n, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData("ftp:web:21")]
    [InlineData("a:b:c:d")]
    public void AnIdWithoutANameOrWithAnotherSchemeOrMorePartsIsInvalid(string id) =>
        Assert.False(ProxyLocation.TrySplit(id, out _, out _, out _));

    [Fact]
    public void APodsPortIsTheOneNamedElseTheFirstAContainerDeclaresElseTheSchemesOwn()
    {
        var pod = Pod("10.244.1.7", new V1Container { Name = "sidecar" }, new V1Container { Name = "app", Ports = [new V1ContainerPort { ContainerPort = 8080 }, new V1ContainerPort { ContainerPort = 9090 }] });

        var named = ProxyLocation.ForPod(pod, "", "9090");
        var declared = ProxyLocation.ForPod(pod, "", "");
        var none = ProxyLocation.ForPod(Pod("10.244.1.7", new V1Container { Name = "app" }), "", "");
        var tls = ProxyLocation.ForPod(Pod("10.244.1.7", new V1Container { Name = "app" }), "https", "");

        Assert.Equal(("http", "9090", "10.244.1.7:9090"), (named.Scheme, named.Port, named.HostPort));
        Assert.Equal("8080", declared.Port);
        Assert.Equal("80", none.Port);
        Assert.Equal(("https", "443"), (tls.Scheme, tls.Port));
        Assert.Equal(("node-1", "default", "web"), (named.Node, named.Namespace, named.Pod));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("169.254.1.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    public void APodWithoutARoutableAddressIsRefused(string? ip)
    {
        var e = Assert.Throws<StatusException>(() => ProxyLocation.ForPod(Pod(ip, new V1Container { Name = "app" }), "", "80"));

        Assert.Equal((400, "BadRequest", "address not allowed"), (e.Code, e.Reason, e.Message));
    }

    [Fact]
    public void AnIpv6PodIsDialledInBrackets() =>
        Assert.Equal("[fd00::5]:80", ProxyLocation.ForPod(Pod("fd00::5", new V1Container { Name = "app" }), "", "80").HostPort);

    [Theory]
    [InlineData("8080", 8080, null)]
    [InlineData("web", 0, "dial tcp: lookup tcp/web: unknown port")]
    [InlineData("0", 0, "dial tcp: address 0: invalid port")]
    [InlineData("70000", 0, "dial tcp: address 70000: invalid port")]
    public void OnlyANumberedPortCanBeDialled(string port, int number, string? error) =>
        Assert.Equal((number, error), new ProxyLocation("http", "n", "ns", "p", "10.0.0.1", port).DialPort());

    [Fact]
    public void AServicePortNumberStandsForItsNameAndANameForItself()
    {
        var service = new V1Service { Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Name = "http" }, new V1ServicePort { Port = 9090, Name = "metrics" }] } };

        Assert.Equal("metrics", ProxyLocation.ServicePortName(service, "web", "9090"));
        Assert.Equal("anything", ProxyLocation.ServicePortName(service, "web", "anything"));
        Assert.Equal("", ProxyLocation.ServicePortName(new V1Service { Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, "web", "80"));
        var e = Assert.Throws<StatusException>(() => ProxyLocation.ServicePortName(service, "web", "81"));
        Assert.Equal((503, "ServiceUnavailable", "no service port 81 found for service \"web\""), (e.Code, e.Reason, e.Message));
    }

    [Fact]
    public void EndpointsAreTriedForTheNamedPortOnlyEachAddressOnceNotReadyOnesNever()
    {
        var endpoints = new V1Endpoints
        {
            Subsets =
            [
                new V1EndpointSubset { NotReadyAddresses = [new V1EndpointAddress { Ip = "10.0.0.9" }], Ports = [new Corev1EndpointPort { Port = 80, Name = "http" }] },
                new V1EndpointSubset
                {
                    Addresses = [new V1EndpointAddress { Ip = "10.0.0.1" }, new V1EndpointAddress { Ip = "10.0.0.2" }],
                    Ports = [new Corev1EndpointPort { Port = 9090, Name = "metrics" }, new Corev1EndpointPort { Port = 80, Name = "http" }],
                },
            ],
        };

        var http = ProxyLocation.Candidates(endpoints, "http", new Random(7)).Select(c => $"{c.Address.Ip}:{c.Port}").ToList();
        var none = ProxyLocation.Candidates(endpoints, "grpc", new Random(7)).ToList();

        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80"], http.Order());
        Assert.Empty(none);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/pods/web/proxy", 7, "")]
    [InlineData("/api/v1/namespaces/default/pods/web/proxy/", 7, "/")]
    [InlineData("/api/v1/namespaces/default/pods/web/proxy/a//b%2Fc/", 7, "/a//b%2Fc/")]
    [InlineData("/api/v1/nodes/n1/proxy/stats", 5, "/stats")]
    public void TheProxiedPathIsWhatFollowsTheProxySegmentAsWritten(string path, int segments, string rest) =>
        Assert.Equal(rest, ResourceProxy.RemainderAfter(path, segments));

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods/web/proxy/a/b/", "get", "default", "pods", "web")]
    [InlineData("GET", "/api/v1/namespaces/proxy/pods/proxy/proxy//x", "get", "proxy", "pods", "proxy")]
    [InlineData("POST", "/api/v1/namespaces/default/services/https:web:443/proxy/api", "create", "default", "services", "https:web:443")]
    [InlineData("OPTIONS", "/api/v1/namespaces/default/pods/web/proxy", "options", "default", "pods", "web")]
    [InlineData("GET", "/api/v1/nodes/n1/proxy/stats/summary", "get", "", "nodes", "n1")]
    public void AProxyPathNamesItsObjectAndLeavesTheRestToTheProxy(string method, string path, string verb, string ns, string resource, string name)
    {
        var info = RequestInfo.Parse(method, path, watch: true);

        Assert.Equal(new RequestInfo(verb, "", "v1", ns, resource, name, "proxy"), info);
    }

    [Fact]
    public void OtherPathsStillNameAtMostASubresource()
    {
        Assert.Null(RequestInfo.Parse("GET", "/api/v1/namespaces/default/pods/web/status/x", watch: false));
        Assert.Null(RequestInfo.Parse("GET", "/api/v1/namespaces//pods/web/proxy/", watch: false));
    }

    static V1Pod Pod(string? ip, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = containers },
        Status = new V1PodStatus { PodIP = ip, PodIPs = ip is null ? null : [new V1PodIP { Ip = ip }] },
    };
}
