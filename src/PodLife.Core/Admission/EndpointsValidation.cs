using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>
/// core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice validation (pkg/apis/core/validation ValidateEndpoints,
/// pkg/apis/discovery/validation ValidateEndpointSlice) and their scheme defaults; pass <c>old</c> on update.
/// </summary>
public static class EndpointsValidation
{
    static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];
    const int MaxEndpointsPerSlice = 1000;
    const int MaxAddressesPerEndpoint = 100;

    /// <summary>SetDefaults_Endpoints: a port without protocol is TCP.</summary>
    public static V1Endpoints Defaults(V1Endpoints endpoints)
    {
        var copy = DeepCopy.Of(endpoints);
        foreach (var port in (copy.Subsets ?? []).SelectMany(s => s?.Ports ?? []))
            if (port is not null) port.Protocol = PodDefaults.OrDefault(port.Protocol, "TCP");
        return copy;
    }

    /// <summary>discovery/v1 SetDefaults_EndpointPort: a port without name is "", without protocol TCP.</summary>
    public static V1EndpointSlice Defaults(V1EndpointSlice slice)
    {
        var copy = DeepCopy.Of(slice);
        foreach (var port in copy.Ports ?? [])
        {
            if (port is null) continue;
            port.Name ??= "";
            port.Protocol ??= "TCP";
        }
        return copy;
    }

    public static ValidationResult Endpoints(V1Endpoints? endpoints, V1Endpoints? old = null)
    {
        var ep = endpoints ?? new V1Endpoints();
        var errs = KindValidation.Meta(ep.Metadata, old?.Metadata, old is not null, NameRules.DnsSubdomain, namespaced: true).Errors.ToList();
        foreach (var (subset, i) in (ep.Subsets ?? []).Select((s, i) => (s ?? new V1EndpointSubset(), i)))
        {
            var path = FieldPath.Root("subsets").Index(i);
            if (subset.Addresses is null or { Count: 0 } && subset.NotReadyAddresses is null or { Count: 0 })
                errs.Add(FieldError.Required(path, "must specify `addresses` or `notReadyAddresses`"));
            foreach (var (address, j) in (subset.Addresses ?? []).Select((a, j) => (a, j)))
                errs.AddRange(Address(address ?? new V1EndpointAddress(), path.Child("addresses").Index(j)));
            foreach (var (address, j) in (subset.NotReadyAddresses ?? []).Select((a, j) => (a, j)))
                errs.AddRange(Address(address ?? new V1EndpointAddress(), path.Child("notReadyAddresses").Index(j)));
            var ports = subset.Ports ?? [];
            foreach (var (port, j) in ports.Select((p, j) => (p ?? new Corev1EndpointPort(), j)))
                errs.AddRange(Port(port.Name, port.Port, port.Protocol, port.AppProtocol, ports.Count > 1, path.Child("ports").Index(j)));
        }
        return new ValidationResult(errs);
    }

    static IEnumerable<FieldError> Address(V1EndpointAddress address, FieldPath path)
    {
        var ip = address.Ip ?? "";
        if (!IPText.IsValid(ip)) yield return FieldError.Invalid(path.Child("ip"), ip, ServiceValidation.InvalidIP);
        if (!string.IsNullOrEmpty(address.Hostname))
            foreach (var m in NameFormats.IsDns1123Label(address.Hostname)) yield return FieldError.Invalid(path.Child("hostname"), address.Hostname, m);
        if (address.NodeName is { } node)
            foreach (var m in NameFormats.IsDns1123Subdomain(node)) yield return FieldError.Invalid(path.Child("nodeName"), node, m);
        if (IPText.IsValid(ip))
            foreach (var e in ServiceValidation.ExternalIP(ip, path.Child("ip"))) yield return e;
    }

    static IEnumerable<FieldError> Port(string? name, int? number, string? protocol, string? appProtocol, bool requireName, FieldPath path)
    {
        if (requireName && string.IsNullOrEmpty(name)) yield return FieldError.Required(path.Child("name"));
        else if (!string.IsNullOrEmpty(name))
            foreach (var m in NameFormats.IsDns1123Label(name)) yield return FieldError.Invalid(path.Child("name"), name, m);
        if (number is { } port)
            foreach (var m in NameFormats.IsValidPortNum(port)) yield return FieldError.Invalid(path.Child("port"), port, m);
        foreach (var e in PodSpecValidation.Enumerated(protocol, Protocols, path.Child("protocol"))) yield return e;
        if (appProtocol is not null)
            foreach (var m in NameFormats.IsQualifiedName(appProtocol)) yield return FieldError.Invalid(path.Child("appProtocol"), appProtocol, m);
    }

    public static ValidationResult EndpointSlice(V1EndpointSlice? slice, V1EndpointSlice? old = null)
    {
        var s = slice ?? new V1EndpointSlice();
        var errs = KindValidation.Meta(s.Metadata, old?.Metadata, old is not null, NameRules.DnsSubdomain, namespaced: true).Errors.ToList();
        errs.AddRange(PodSpecValidation.Enumerated(s.AddressType, AddressTypes, FieldPath.Root("addressType")));
        if (old is not null && s.AddressType != old.AddressType)
            errs.Add(FieldError.Invalid(FieldPath.Root("addressType"), s.AddressType ?? "", "field is immutable"));
        var endpoints = s.Endpoints ?? [];
        if (endpoints.Count > MaxEndpointsPerSlice) errs.Add(FieldError.TooMany(FieldPath.Root("endpoints"), endpoints.Count, MaxEndpointsPerSlice));
        foreach (var (endpoint, i) in endpoints.Select((e, i) => (e ?? new V1Endpoint(), i)))
        {
            var path = FieldPath.Root("endpoints").Index(i);
            var addresses = endpoint.Addresses ?? [];
            if (addresses.Count == 0) errs.Add(FieldError.Required(path.Child("addresses"), "must contain at least 1 address"));
            else if (addresses.Count > MaxAddressesPerEndpoint) errs.Add(FieldError.TooMany(path.Child("addresses"), addresses.Count, MaxAddressesPerEndpoint));
            foreach (var (address, j) in addresses.Select((a, j) => (a ?? "", j)))
                errs.AddRange(SliceAddress(s.AddressType, address, path.Child("addresses").Index(j)));
            if (endpoint.NodeName is { } node)
                errs.AddRange(NameFormats.IsDns1123Subdomain(node).Select(m => FieldError.Invalid(path.Child("nodeName"), node, m)));
            if (!string.IsNullOrEmpty(endpoint.Hostname))
                errs.AddRange(NameFormats.IsDns1123Label(endpoint.Hostname).Select(m => FieldError.Invalid(path.Child("hostname"), endpoint.Hostname, m)));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (port, i) in (s.Ports ?? []).Select((p, i) => (p ?? new Discoveryv1EndpointPort(), i)))
        {
            var path = FieldPath.Root("ports").Index(i);
            var name = port.Name ?? "";
            if (name.Length > 0)
                errs.AddRange(NameFormats.IsDns1123Label(name).Select(m => FieldError.Invalid(path.Child("name"), name, m)));
            if (!names.Add(name)) errs.Add(FieldError.Duplicate(path.Child("name"), name));
            errs.AddRange(Port(null, port.Port, port.Protocol, port.AppProtocol, false, path));
        }
        return new ValidationResult(errs);
    }

    static IEnumerable<FieldError> SliceAddress(string? type, string address, FieldPath path)
    {
        switch (type)
        {
            case "IPv4" when !IPText.IsValid(address) || address.Contains(':'):
                return [FieldError.Invalid(path, address, "must be a valid IPv4 address")];
            case "IPv6" when !IPText.IsValid(address) || !address.Contains(':'):
                return [FieldError.Invalid(path, address, "must be a valid IPv6 address")];
            case "FQDN":
                return NameFormats.IsDns1123Subdomain(address).Select(m => FieldError.Invalid(path, address, m));
            default:
                return [];
        }
    }
}
