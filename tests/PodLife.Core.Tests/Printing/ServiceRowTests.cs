using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// printService, getServiceExternalIP, makePortString (pkg/printers/internalversion/printers.go).
public class ServiceRowTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    static V1Service Service(string type, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", CreationTimestamp = Now.AddMinutes(-5).UtcDateTime },
        Spec = new V1ServiceSpec { Type = type, ClusterIP = "10.96.7.8", ClusterIPs = ["10.96.7.8"], Ports = ports },
    };

    static string Cells(V1Service service) => string.Join(" | ", ServiceRow.From(service, Now).Cells());

    [Fact]
    public void AClusterIPServicePrintsItsAddressAndPorts()
    {
        var service = Service("ClusterIP", new V1ServicePort { Port = 80, Protocol = "TCP" }, new V1ServicePort { Port = 53, Protocol = "UDP" });
        service.Spec.Selector = new Dictionary<string, string> { ["tier"] = "web", ["app"] = "shop" };
        Assert.Equal("web | ClusterIP | 10.96.7.8 | <none> | 80/TCP,53/UDP | 5m | app=shop,tier=web", Cells(service));
    }

    [Fact]
    public void ANodePortServicePrintsItsNodePort() =>
        Assert.Equal("web | NodePort | 10.96.7.8 | <none> | 80:30080/TCP | 5m | <none>",
            Cells(Service("NodePort", new V1ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" })));

    [Fact]
    public void ALoadBalancerIsPendingUntilItHasAnAddress()
    {
        var service = Service("LoadBalancer", new V1ServicePort { Port = 443, NodePort = 31443, Protocol = "TCP" });
        Assert.Equal("<pending>", ServiceRow.From(service, Now).ExternalIP);
        service.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = [new() { Hostname = "lb.example.com" }, new() { Ip = "203.0.113.9" }] } };
        Assert.Equal("203.0.113.9,lb.example.com", ServiceRow.From(service, Now).ExternalIP);
        service.Spec.ExternalIPs = ["198.51.100.1"];
        Assert.Equal("203.0.113.9,lb.example.com,198.51.100.1", ServiceRow.From(service, Now).ExternalIP);
    }

    [Fact]
    public void AnExternalNameServicePrintsItsNameAndNoAddress()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "db", CreationTimestamp = Now.AddMinutes(-5).UtcDateTime },
            Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "db.example.com" },
        };
        Assert.Equal("db | ExternalName | <none> | db.example.com | <none> | 5m | <none>", Cells(service));
    }

    [Fact]
    public void AHeadlessServicePrintsNone() =>
        Assert.Equal("None", ServiceRow.From(new V1Service { Spec = new V1ServiceSpec { Type = "ClusterIP", ClusterIP = "None", ClusterIPs = ["None"] } }, Now).ClusterIP);
}
