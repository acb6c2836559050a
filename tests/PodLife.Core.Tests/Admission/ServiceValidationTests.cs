using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules and messages of pkg/apis/core/validation/validation.go (ValidateService, validateServicePort,
// ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate) on Services as the storage prepares them: defaulted
// (pkg/apis/core/v1/defaults.go), with their addresses.
public class ServiceValidationTests
{
    static V1Service Service(string name = "web", string type = "ClusterIP", string? clusterIP = "10.96.5.5", params V1ServicePort[] ports)
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "1" },
            Spec = new V1ServiceSpec
            {
                Type = type,
                ClusterIP = clusterIP,
                ClusterIPs = clusterIP is null ? null : [clusterIP],
                Ports = ports.Length == 0 ? [new V1ServicePort { Port = 80 }] : ports,
                Selector = new Dictionary<string, string> { ["app"] = name },
            },
        };
        var defaulted = ServiceDefaults.Apply(service);
        if (type != "ExternalName") { defaulted.Spec.IpFamilies = ["IPv4"]; defaulted.Spec.IpFamilyPolicy = "SingleStack"; }
        return defaulted;
    }

    static List<string> Errors(V1Service service, V1Service? old = null) =>
        ServiceValidation.Validate(service, old).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void APreparedServiceOfEachTypeIsValid()
    {
        Assert.Empty(Errors(Service()));
        var nodePort = Service(type: "NodePort", ports: new V1ServicePort { Port = 80, NodePort = 30080 });
        Assert.Empty(Errors(nodePort));
        var external = Service(type: "ExternalName", clusterIP: null);
        external.Spec.ExternalName = "db.example.com.";
        Assert.Empty(Errors(external));
        var headless = Service(clusterIP: "None");
        Assert.Empty(Errors(headless));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("1web")]
    [InlineData("web.app")]
    public void ANameIsADns1035Label(string name) =>
        Assert.Equal([$"metadata.name: Invalid value: \"{name}\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            Errors(Service(name)));

    [Fact]
    public void PortsAreRequiredButForHeadlessAndExternalNameServices()
    {
        var service = Service();
        service.Spec.Ports = [];
        Assert.Equal(["spec.ports: Required value"], Errors(service));
        var headless = Service(clusterIP: "None");
        headless.Spec.Ports = [];
        Assert.Empty(Errors(headless));
    }

    [Fact]
    public void EachPortIsCheckedInKubernetesOrder()
    {
        var service = Service(ports:
        [
            new V1ServicePort { Port = 0, Protocol = "HTTP", TargetPort = 70000 },
            new V1ServicePort { Name = "Web", Port = 80, TargetPort = "http--x" },
        ]);
        Assert.Equal(
        [
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.ports[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.ports[1].targetPort: Invalid value: \"http--x\": must not contain consecutive hyphens",
        ], Errors(service));
    }

    [Fact]
    public void TwoPortsMayNotShareANameNorANumberAndProtocol()
    {
        var service = Service(ports: [new V1ServicePort { Name = "a", Port = 80 }, new V1ServicePort { Name = "a", Port = 80 }]);
        Assert.Equal(
        [
            "spec.ports[1].name: Duplicate value: \"a\"",
            "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
        ], Errors(service));
        var dns = Service(ports: [new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP" }, new V1ServicePort { Name = "dns-tcp", Port = 53 }]);
        Assert.Empty(Errors(dns));
    }

    [Fact]
    public void ANodePortIsForbiddenOnAClusterIPService() =>
        Assert.Equal(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
            Errors(Service(ports: new V1ServicePort { Port = 80, NodePort = 30080 })));

    [Fact]
    public void UnknownTypesAndAffinitiesAreNotSupported()
    {
        var service = Service();
        service.Spec.Type = "Internal";
        service.Spec.SessionAffinity = "Sticky";
        Assert.Equal(
        [
            "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
            "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
        ], Errors(service));
    }

    [Fact]
    public void AClientIPAffinityTimeoutIsUpToADay()
    {
        var service = Service();
        service.Spec.SessionAffinity = "ClientIP";
        service.Spec.SessionAffinityConfig = new V1SessionAffinityConfig { ClientIP = new V1ClientIPConfig { TimeoutSeconds = 86401 } };
        Assert.Equal(["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"], Errors(service));
        Assert.Equal(10800, ServiceDefaults.Apply(new V1Service { Spec = new V1ServiceSpec { SessionAffinity = "ClientIP" } }).Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds);
    }

    [Fact]
    public void AnExternalNameServiceNeedsANameAndNoAddresses()
    {
        var external = Service(type: "ExternalName", clusterIP: "10.96.5.5");
        external.Spec.IpFamilies = ["IPv4"];
        external.Spec.ExternalName = "Db.Example.com";
        Assert.Equal(
        [
            "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
            "spec.ipFamilies: Forbidden: may not be set for ExternalName services",
            "spec.externalName: Invalid value: \"Db.Example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ], Errors(external));
        external.Spec.ExternalName = null;
        Assert.Contains("spec.externalName: Required value", Errors(external));
    }

    [Theory]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    public void OnlyAClusterIPServiceMayBeHeadless(string type) =>
        Assert.Contains($"spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for {type} services", Errors(Service(type: type, clusterIP: "None")));

    [Theory]
    [InlineData("10.96.0.300")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    public void AClusterIPMustBeAnIP(string ip) =>
        Assert.Equal([$"spec.clusterIPs[0]: Invalid value: \"{ip}\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"],
            ServiceValidation.ClusterIPFields(Service(clusterIP: ip).Spec).Select(e => e.ToString()));

    [Fact]
    public void ClusterIPAndTheFirstOfClusterIPsAgree()
    {
        var service = Service();
        service.Spec.ClusterIPs = ["10.96.5.6"];
        Assert.Equal(["spec.clusterIPs: Invalid value: []string{\"10.96.5.6\"}: first value must match `clusterIP`"], Errors(service));
    }

    [Theory]
    [InlineData("127.0.0.1", "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData("0.0.0.0", "may not be unspecified (0.0.0.0)")]
    [InlineData("169.254.1.1", "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("x", "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    public void AnExternalIPMustBeReachable(string ip, string why)
    {
        var service = Service();
        service.Spec.ExternalIPs = [ip];
        service.Spec.ExternalTrafficPolicy = "Cluster";
        Assert.Equal([$"spec.externalIPs[0]: Invalid value: \"{ip}\": {why}"], Errors(service));
    }

    [Fact]
    public void TrafficPoliciesFollowTheType()
    {
        var service = Service();
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.InternalTrafficPolicy = "Nearby";
        Assert.Equal(
        [
            "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services",
            "spec.internalTrafficPolicy: Unsupported value: \"Nearby\": supported values: \"Cluster\", \"Local\"",
        ], Errors(service));
        var loadBalancer = Service(type: "LoadBalancer", ports: new V1ServicePort { Port = 443, NodePort = 31000 });
        loadBalancer.Spec.ExternalTrafficPolicy = "Local";
        Assert.Equal(["spec.healthCheckNodePort: Required value"], Errors(loadBalancer));
    }

    [Fact]
    public void LoadBalancerFieldsAreForbiddenOnOtherTypes()
    {
        var service = Service();
        service.Spec.LoadBalancerSourceRanges = ["10.0.0.0/8"];
        service.Spec.LoadBalancerClass = "example.com/lb";
        Assert.Equal(
        [
            "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
            "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
        ], Errors(service));
    }

    [Fact]
    public void AnUpdateMayNotChangeTheClusterIP()
    {
        var old = Service();
        var changed = Service(clusterIP: "10.96.5.6");
        Assert.Equal(["spec.clusterIPs[0]: Invalid value: []string{\"10.96.5.6\"}: may not change once set"], Errors(changed, old));
        Assert.Empty(Errors(Service(), old));
        var external = Service(type: "ExternalName", clusterIP: null);
        external.Spec.ExternalName = "db.example.com";
        Assert.Empty(Errors(external, old));
    }
}
