using System.Net;
using System.Net.Sockets;
using k8s.Models;
using PodLife.Core.Images;

namespace PodLife.Core.Admission;

/// <summary>
/// core/v1 Service validation (pkg/apis/core/validation/validation.go ValidateService, ValidateServiceUpdate) of a
/// Service as the storage prepared it (defaulted, with its cluster IP and node ports); pass <c>old</c> on update.
/// </summary>
public static class ServiceValidation
{
    static readonly string[] Types = [ServiceDefaults.ClusterIP, ServiceDefaults.ExternalName, ServiceDefaults.LoadBalancer, ServiceDefaults.NodePort];
    static readonly string[] Affinities = ["ClientIP", "None"];
    static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    static readonly string[] IPFamilies = ["IPv4", "IPv6"];
    static readonly string[] IPFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"];
    static readonly string[] TrafficPolicies = ["Cluster", "Local"];

    /// <summary>MaxClientIPServiceAffinitySeconds: one day.</summary>
    const int MaxAffinitySeconds = 86400;

    static readonly FieldPath Spec = FieldPath.Root("spec");

    public static ValidationResult Validate(V1Service? service, V1Service? old = null)
    {
        var svc = service ?? new V1Service();
        var errs = new List<FieldError>();
        if (old is null)
        {
            errs.AddRange(ObjectMetaValidation.Validate(svc.Metadata, NameRules.Service, namespaced: true));
        }
        else
        {
            errs.AddRange(ObjectMetaValidation.ValidateUpdate(svc.Metadata, old.Metadata));
            errs.AddRange(ClusterIPsKept(svc.Spec ?? new(), old.Spec ?? new()));
            errs.AddRange(ObjectMetaValidation.Validate(svc.Metadata, NameRules.Service, namespaced: true));
        }
        errs.AddRange(SpecErrors(svc.Spec ?? new V1ServiceSpec()));
        return new ValidationResult(errs);
    }

    static bool IsHeadless(V1ServiceSpec spec) => spec.ClusterIP == ServiceDefaults.Headless;

    static IEnumerable<FieldError> SpecErrors(V1ServiceSpec spec)
    {
        var ports = (spec.Ports ?? []).Select(p => p ?? new V1ServicePort()).ToList();
        var portsPath = Spec.Child("ports");
        if (ports.Count == 0 && !IsHeadless(spec) && spec.Type != ServiceDefaults.ExternalName) yield return FieldError.Required(portsPath);
        switch (spec.Type)
        {
            case ServiceDefaults.LoadBalancer or ServiceDefaults.NodePort when IsHeadless(spec):
                yield return FieldError.Invalid(Spec.Child("clusterIPs").Index(0), ServiceDefaults.Headless,
                    $"may not be set to 'None' for {spec.Type} services");
                break;
            case ServiceDefaults.ExternalName:
                if (spec.ClusterIPs is { Count: > 0 }) yield return FieldError.Forbidden(Spec.Child("clusterIPs"), "may not be set for ExternalName services");
                if (spec.IpFamilies is { Count: > 0 }) yield return FieldError.Forbidden(Spec.Child("ipFamilies"), "may not be set for ExternalName services");
                if (spec.IpFamilyPolicy is not null) yield return FieldError.Forbidden(Spec.Child("ipFamilyPolicy"), "may not be set for ExternalName services");
                // A CNAME may end in a dot, which makes it fully qualified.
                var cname = (spec.ExternalName ?? "").TrimEnd('.');
                if (cname.Length == 0) yield return FieldError.Required(Spec.Child("externalName"));
                else foreach (var m in NameFormats.IsDns1123Subdomain(cname)) yield return FieldError.Invalid(Spec.Child("externalName"), cname, m);
                break;
        }
        if (spec.Type == ServiceDefaults.LoadBalancer)
        {
            foreach (var (port, i) in ports.Select((p, i) => (p, i)))
                if (port.Port == KubeletPort)
                    yield return FieldError.Invalid(portsPath.Index(i), port.Port, $"may not expose port {KubeletPort} externally since it is used by kubelet");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (port, i) in ports.Select((p, i) => (p, i)))
            foreach (var e in Port(port, ports.Count > 1, names, portsPath.Index(i))) yield return e;

        foreach (var e in ObjectMetaValidation.ValidateLabels(spec.Selector, Spec.Child("selector"))) yield return e;

        var affinity = spec.SessionAffinity;
        foreach (var e in PodSpecValidation.Enumerated(affinity, Affinities, Spec.Child("sessionAffinity"))) yield return e;
        if (affinity == "ClientIP")
        {
            foreach (var e in ClientIPAffinity(spec.SessionAffinityConfig)) yield return e;
        }
        else if (affinity == "None" && spec.SessionAffinityConfig is not null)
        {
            yield return FieldError.Forbidden(Spec.Child("sessionAffinityConfig"), "must not be set when session affinity is None");
        }

        foreach (var e in ClusterIPFields(spec)) yield return e;

        foreach (var (ip, i) in (spec.ExternalIPs ?? []).Select((ip, i) => (ip ?? "", i)))
            foreach (var e in ExternalIP(ip, Spec.Child("externalIPs").Index(i))) yield return e;

        foreach (var e in PodSpecValidation.Enumerated(spec.Type, Types, Spec.Child("type"))) yield return e;

        if (spec.Type == ServiceDefaults.ClusterIP)
        {
            foreach (var (port, i) in ports.Select((p, i) => (p, i)))
                if (port.NodePort is not (null or 0))
                    yield return FieldError.Forbidden(portsPath.Index(i).Child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        }

        var nodePorts = new HashSet<(string?, int)>();
        foreach (var (port, i) in ports.Select((p, i) => (p, i)))
        {
            if (port.NodePort is null or 0) continue;
            if (!nodePorts.Add((port.Protocol, port.NodePort.Value))) yield return FieldError.Duplicate(portsPath.Index(i).Child("nodePort"), port.NodePort.Value);
        }
        var pairs = new HashSet<(string?, int)>();
        foreach (var (port, i) in ports.Select((p, i) => (p, i)))
            if (!pairs.Add((port.Protocol, port.Port))) yield return FieldError.Duplicate(portsPath.Index(i), ServicePortKey(port.Protocol ?? "", port.Port));

        foreach (var e in LoadBalancerFields(spec)) yield return e;
        foreach (var e in ExternalTrafficPolicy(spec)) yield return e;
        foreach (var e in InternalTrafficPolicy(spec)) yield return e;
        // kube 1.32 knows one traffic distribution.
        if (spec.TrafficDistribution is { } distribution && distribution != "PreferClose")
            yield return FieldError.NotSupported(Spec.Child("trafficDistribution"), distribution, ["PreferClose"]);
    }

    /// <summary>ports.KubeletPort, which a load balancer may not expose.</summary>
    const int KubeletPort = 10250;

    static IEnumerable<FieldError> Port(V1ServicePort port, bool requireName, HashSet<string> names, FieldPath path)
    {
        var name = port.Name ?? "";
        if (requireName && name.Length == 0)
        {
            yield return FieldError.Required(path.Child("name"));
        }
        else if (name.Length > 0)
        {
            foreach (var m in NameFormats.IsDns1123Label(name)) yield return FieldError.Invalid(path.Child("name"), name, m);
            if (!names.Add(name)) yield return FieldError.Duplicate(path.Child("name"), name);
        }
        foreach (var m in NameFormats.IsValidPortNum(port.Port)) yield return FieldError.Invalid(path.Child("port"), port.Port, m);
        foreach (var e in PodSpecValidation.Enumerated(port.Protocol, Protocols, path.Child("protocol"))) yield return e;
        foreach (var e in PortValidation.NumberOrName(port.TargetPort, path.Child("targetPort"))) yield return e;
        if (port.AppProtocol is { } appProtocol)
            foreach (var m in NameFormats.IsQualifiedName(appProtocol)) yield return FieldError.Invalid(path.Child("appProtocol"), appProtocol, m);
    }

    static IEnumerable<FieldError> ClientIPAffinity(V1SessionAffinityConfig? config)
    {
        var path = Spec.Child("sessionAffinityConfig");
        const string when = "when session affinity type is ClientIP";
        if (config is null) { yield return FieldError.Required(path, when); yield break; }
        if (config.ClientIP is null) { yield return FieldError.Required(path.Child("clientIP"), when); yield break; }
        if (config.ClientIP.TimeoutSeconds is not { } timeout) { yield return FieldError.Required(path.Child("clientIP", "timeoutSeconds"), when); yield break; }
        if (timeout is <= 0 or > MaxAffinitySeconds)
            yield return FieldError.Invalid(path.Child("clientIP", "timeoutSeconds"), timeout, $"must be greater than 0 and less than {MaxAffinitySeconds}");
    }

    /// <summary>
    /// ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree, families and policy are known, the IPs are
    /// IPs. The storage runs it before it gives addresses, and answers with these errors alone when there are any.
    /// </summary>
    public static IEnumerable<FieldError> ClusterIPFields(V1ServiceSpec spec)
    {
        if (spec.Type == ServiceDefaults.ExternalName) yield break;
        var ipsPath = Spec.Child("clusterIPs");
        var ips = spec.ClusterIPs ?? [];
        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            if (ips.Count == 0) yield return FieldError.Required(ipsPath);
            else if (ips[0] != spec.ClusterIP) yield return FieldError.Invalid(ipsPath, ips.ToList(), "first value must match `clusterIP`");
        }
        else if (ips.Count > 0)
        {
            yield return FieldError.Invalid(ipsPath, ips.ToList(), "must be empty when `clusterIP` is not specified");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (family, i) in (spec.IpFamilies ?? []).Select((f, i) => (f ?? "", i)))
        {
            if (!IPFamilies.Contains(family)) yield return FieldError.NotSupported(Spec.Child("ipFamilies").Index(i), family, IPFamilies);
            if (!seen.Add(family)) yield return FieldError.Duplicate(Spec.Child("ipFamilies").Index(i), family);
        }
        if (spec.IpFamilyPolicy is { } policy && !IPFamilyPolicies.Contains(policy))
            yield return FieldError.NotSupported(Spec.Child("ipFamilyPolicy"), policy, IPFamilyPolicies);
        var invalid = false;
        for (var i = 0; i < ips.Count; i++)
        {
            var ip = ips[i] ?? "";
            if (i == 0 && ip == ServiceDefaults.Headless)
            {
                if (ips.Count > 1)
                {
                    invalid = true;
                    yield return FieldError.Invalid(ipsPath, ips.ToList(), "'None' must be the first and only value");
                }
                continue;
            }
            if (!IPText.IsValid(ip))
            {
                invalid = true;
                yield return FieldError.Invalid(ipsPath.Index(i), ip, InvalidIP);
            }
        }
        if (ips.Count > 2) yield return FieldError.Invalid(ipsPath, ips.ToList(), "may only hold up to 2 values");
        if (invalid || IsHeadless(spec)) yield break;
        var families = spec.IpFamilies ?? [];
        for (var i = 0; i < ips.Count && i < families.Count; i++)
        {
            var v6 = (ips[i] ?? "").Contains(':');
            if (families[i] == "IPv4" && v6)
                yield return FieldError.Invalid(ipsPath.Index(i), ips[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`");
            else if (families[i] == "IPv6" && !v6)
                yield return FieldError.Invalid(ipsPath.Index(i), ips[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`");
        }
    }

    internal const string InvalidIP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    // ValidateNonSpecialIP: an external IP may not be one a node cannot be reached at.
    internal static IEnumerable<FieldError> ExternalIP(string ip, FieldPath path)
    {
        if (!IPText.IsValid(ip)) { yield return FieldError.Invalid(path, ip, InvalidIP); yield break; }
        var address = IPText.Parse(ip);
        var bytes = address.GetAddressBytes();
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            yield return FieldError.Invalid(path, ip, $"may not be unspecified ({ip})");
        else if (IPAddress.IsLoopback(address))
            yield return FieldError.Invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        else if (v4 ? bytes[0] == 169 && bytes[1] == 254 : address.IsIPv6LinkLocal)
            yield return FieldError.Invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        else if (v4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02)
            yield return FieldError.Invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
    }

    // Fields only a load balancer has (loadBalancerSourceRanges' path is spelled with a capital L in kube).
    static IEnumerable<FieldError> LoadBalancerFields(V1ServiceSpec spec)
    {
        var loadBalancer = spec.Type == ServiceDefaults.LoadBalancer;
        const string onlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";
        var ranges = spec.LoadBalancerSourceRanges ?? [];
        if (ranges.Count > 0)
        {
            var path = Spec.Child("LoadBalancerSourceRanges");
            if (!loadBalancer) yield return FieldError.Forbidden(path, onlyLoadBalancer);
            foreach (var (range, i) in ranges.Select((r, i) => ((r ?? "").Trim(), i)))
                if (!IsCidr(range)) yield return FieldError.Invalid(path.Index(i), range, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
        }
        if (spec.AllocateLoadBalancerNodePorts is not null && !loadBalancer)
            yield return FieldError.Forbidden(Spec.Child("allocateLoadBalancerNodePorts"), onlyLoadBalancer);
        if (spec.LoadBalancerClass is { } lbClass)
        {
            var path = Spec.Child("loadBalancerClass");
            if (!loadBalancer) yield return FieldError.Forbidden(path, onlyLoadBalancer);
            else foreach (var m in NameFormats.IsQualifiedName(lbClass)) yield return FieldError.Invalid(path, lbClass, m);
        }
    }

    static bool IsCidr(string text) =>
        text.Split('/') is [var ip, var bits] && IPText.IsValid(ip) && int.TryParse(bits, out var n) && bits.All(char.IsAsciiDigit)
        && n >= 0 && n <= (ip.Contains(':') ? 128 : 32);

    static IEnumerable<FieldError> ExternalTrafficPolicy(V1ServiceSpec spec)
    {
        var path = Spec.Child("externalTrafficPolicy");
        var policy = spec.ExternalTrafficPolicy ?? "";
        if (!ServiceDefaults.ExternallyAccessible(spec))
        {
            if (policy.Length > 0) yield return FieldError.Invalid(path, policy, "may only be set for externally-accessible services");
        }
        else
        {
            foreach (var e in PodSpecValidation.Enumerated(policy, TrafficPolicies, path)) yield return e;
        }
        var healthPath = Spec.Child("healthCheckNodePort");
        var health = spec.HealthCheckNodePort ?? 0;
        if (!(spec.Type == ServiceDefaults.LoadBalancer && policy == "Local"))
        {
            if (health != 0)
                yield return FieldError.Invalid(healthPath, health, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        }
        else if (health == 0)
        {
            yield return FieldError.Required(healthPath);
        }
        else
        {
            foreach (var m in NameFormats.IsValidPortNum(health)) yield return FieldError.Invalid(healthPath, health, m);
        }
    }

    static IEnumerable<FieldError> InternalTrafficPolicy(V1ServiceSpec spec)
    {
        var path = Spec.Child("internalTrafficPolicy");
        if (spec.InternalTrafficPolicy is null)
        {
            if (spec.Type is ServiceDefaults.ClusterIP or ServiceDefaults.NodePort or ServiceDefaults.LoadBalancer)
                yield return FieldError.Required(path, "must be specified");
        }
        else if (!TrafficPolicies.Contains(spec.InternalTrafficPolicy))
        {
            yield return FieldError.NotSupported(path, spec.InternalTrafficPolicy, TrafficPolicies);
        }
    }

    // validateUpgradeDowngradeClusterIPs for a single-stack cluster: the cluster IPs stay, unless the type changes to or
    // from ExternalName. The value shown is the new list.
    static IEnumerable<FieldError> ClusterIPsKept(V1ServiceSpec spec, V1ServiceSpec old)
    {
        if (spec.Type == ServiceDefaults.ExternalName || old.Type == ServiceDefaults.ExternalName) yield break;
        var ips = spec.ClusterIPs ?? [];
        var oldIPs = old.ClusterIPs ?? [];
        var path = Spec.Child("clusterIPs");
        object shown = spec.ClusterIPs is null ? new GoText("[]string(nil)") : ips.ToList();
        if (ips.Count == oldIPs.Count)
        {
            for (var i = 0; i < oldIPs.Count; i++)
                if (oldIPs[i] != ips[i]) yield return FieldError.Invalid(path.Index(i), shown, MayNotChange);
        }
        else if (ips.Count == 0)
        {
            yield return FieldError.Invalid(path.Index(0), shown, "primary clusterIP can not be unset");
        }
        else if (oldIPs.Count > 0 && ips[0] != oldIPs[0])
        {
            yield return FieldError.Invalid(path.Index(0), shown, MayNotChange);
        }
    }

    const string MayNotChange = "may not change once set";

    /// <summary>A bad value printed as given: what Go's %#v prints for a value that has no simpler form here.</summary>
    sealed record GoText(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>The (protocol, port) key of a repeated Service port, printed as Go's %#v prints a core.ServicePort.</summary>
    static GoText ServicePortKey(string protocol, int port) =>
        new($"core.ServicePort{{Name:\"\", Protocol:{GoQuote.Quote(protocol)}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}");
}
