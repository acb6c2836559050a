using k8s.Models;
using PodLife.Node.Pods;

namespace PodLife.Node.Tests.Pods;

/// <summary>
/// Service variables as kubelet makes them (pkg/kubelet/envvars FromServices and kubelet_pods.go getServiceEnvVarMap,
/// with the cases of envvars_test.go and TestMakeEnvironmentVariables).
/// </summary>
public sealed class ServiceEnvironmentTests
{
    static V1Service Service(string ns, string name, string? clusterIp, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = clusterIp, Ports = ports },
    };

    static V1ServicePort Port(int port, string? name = null, string? protocol = null) => new() { Port = port, Name = name, Protocol = protocol };

    static readonly V1Service Kubernetes = Service("default", "kubernetes", "10.96.0.1", Port(443, "https"));

    static string Text(IReadOnlyList<KeyValuePair<string, string>> env) => string.Join("\n", env.Select(e => $"{e.Key}={e.Value}"));

    [Fact]
    public void EveryPodGetsTheKubernetesServiceWithItsNamedPortAndDockerLinkVariables()
    {
        Assert.Equal("""
            KUBERNETES_SERVICE_HOST=10.96.0.1
            KUBERNETES_SERVICE_PORT=443
            KUBERNETES_SERVICE_PORT_HTTPS=443
            KUBERNETES_PORT=tcp://10.96.0.1:443
            KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443
            KUBERNETES_PORT_443_TCP_PROTO=tcp
            KUBERNETES_PORT_443_TCP_PORT=443
            KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1
            """, Text(ServiceEnvironment.For([Kubernetes], "shop", enableServiceLinks: false)));
    }

    [Fact]
    public void ServicesOfThePodsNamespaceAreAddedWhenServiceLinksAreOn()
    {
        var services = new[]
        {
            Kubernetes,
            Service("shop", "my-nginx", "10.0.162.149", Port(80)),
            Service("shop", "dns", "10.0.0.10", Port(53, "dns", "UDP"), Port(53, "dns-tcp", "TCP")),
            Service("other", "elsewhere", "10.0.0.20", Port(80)),
            Service("shop", "headless", "None", Port(80)),
            Service("shop", "pending", null, Port(80)),
        };

        var on = ServiceEnvironment.For(services, "shop", enableServiceLinks: true).ToDictionary();
        var off = ServiceEnvironment.For(services, "shop", enableServiceLinks: false).ToDictionary();

        Assert.Equal("10.0.162.149", on["MY_NGINX_SERVICE_HOST"]);
        Assert.Equal("80", on["MY_NGINX_SERVICE_PORT"]);
        Assert.Equal("tcp://10.0.162.149:80", on["MY_NGINX_PORT"]);
        Assert.Equal("10.0.162.149", on["MY_NGINX_PORT_80_TCP_ADDR"]);
        Assert.Equal("53", on["DNS_SERVICE_PORT_DNS_TCP"]);
        Assert.Equal("udp://10.0.0.10:53", on["DNS_PORT"]);
        Assert.Equal("udp", on["DNS_PORT_53_UDP_PROTO"]);
        Assert.Equal("tcp://10.0.0.10:53", on["DNS_PORT_53_TCP"]);
        Assert.DoesNotContain(on.Keys, k => k.StartsWith("ELSEWHERE", StringComparison.Ordinal) || k.StartsWith("HEADLESS", StringComparison.Ordinal) || k.StartsWith("PENDING", StringComparison.Ordinal));
        Assert.Equal(["KUBERNETES"], off.Keys.Select(k => k.Split('_')[0]).Distinct());
    }

    [Fact]
    public void AServiceNamedKubernetesInThePodsNamespaceReplacesTheDefaultOne()
    {
        var own = Service("shop", "kubernetes", "10.0.0.99", Port(8443));

        Assert.Equal("10.0.0.99", ServiceEnvironment.For([Kubernetes, own], "shop", true).ToDictionary()["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("10.96.0.1", ServiceEnvironment.For([own, Kubernetes], "shop", false).ToDictionary()["KUBERNETES_SERVICE_HOST"]);
    }
}
