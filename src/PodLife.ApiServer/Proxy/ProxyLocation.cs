using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Proxy;

/// <summary>
/// Where a pods/proxy or services/proxy request goes: a port of one pod, reached through the node that runs it.
/// </summary>
/// <param name="Scheme">"http" or "https".</param>
/// <param name="Port">The port as the request named it (a number, or for a pod anything else, which cannot be dialled).</param>
public sealed record ProxyLocation(string Scheme, string Node, string Namespace, string Pod, string Ip, string Port)
{
    /// <summary>Host and port as Go's net.JoinHostPort writes them, for messages and the Host header.</summary>
    public string HostPort => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";

    /// <summary>
    /// The port to dial, or the reason there is none in Go's dialer's words (<c>lookup tcp/web: unknown port</c>).
    /// </summary>
    public (int Number, string? Error) DialPort()
    {
        if (!int.TryParse(Port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return (0, $"dial tcp: lookup tcp/{Port}: unknown port");
        return number is < 1 or > 65535 ? (0, $"dial tcp: address {Port}: invalid port") : (number, null);
    }

    /// <summary>
    /// Splits a proxy id "name", "name:port" or "scheme:name:port" (k8s.io/apimachinery/pkg/util/net
    /// SplitSchemeNamePort); false for more parts, an empty name or a scheme other than http and https.
    /// </summary>
    public static bool TrySplit(string id, out string scheme, out string name, out string port)
    {
        var parts = id.Split(':');
        (scheme, name, port) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => ("", parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => ("", "", ""),
        };
        return name.Length > 0 && scheme is "" or "http" or "https";
    }

    /// <summary>
    /// A pod's location (pkg/registry/core/pod ResourceLocation): the port named, else the first port a container
    /// declares, else none (the scheme's own); the pod must have a routable IP.
    /// </summary>
    public static ProxyLocation ForPod(V1Pod pod, string scheme, string port)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (port.Length == 0)
        {
            var declared = pod.Spec?.Containers?.FirstOrDefault(c => c.Ports is { Count: > 0 })?.Ports[0].ContainerPort;
            port = declared?.ToString(CultureInfo.InvariantCulture) ?? "";
        }
        var ip = pod.Status?.PodIPs?.FirstOrDefault()?.Ip ?? pod.Status?.PodIP ?? "";
        if (!IsGlobalUnicast(ip)) throw Errors.BadRequest("address not allowed");
        scheme = scheme.Length == 0 ? "http" : scheme;
        if (port.Length == 0) port = scheme == "https" ? "443" : "80";
        return new ProxyLocation(scheme, pod.Spec?.NodeName ?? "", pod.Namespace() ?? "", pod.Name(), ip, port);
    }

    /// <summary>
    /// The service port a request's port names (pkg/registry/core/service/storage ResourceLocation): a number is
    /// looked up among the service's ports and stands for that port's name; anything else is already a name.
    /// </summary>
    public static string ServicePortName(V1Service service, string name, string port)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!long.TryParse(port, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return port;
        var declared = service.Spec?.Ports?.FirstOrDefault(p => p.Port == number)
            ?? throw new StatusException(503, "ServiceUnavailable", $"no service port {number} found for service \"{name}\"");
        return declared.Name ?? "";
    }

    /// <summary>
    /// The ready endpoints of the service for the named port in the order kube-apiserver tries them: from a random
    /// subset, and within it from a random address; the caller passes over an address whose pod no longer has it.
    /// </summary>
    public static IEnumerable<(V1EndpointAddress Address, int Port)> Candidates(V1Endpoints endpoints, string portName, Random random)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(random);
        var subsets = endpoints.Subsets ?? [];
        var firstSubset = subsets.Count == 0 ? 0 : random.Next(subsets.Count);
        for (var s = 0; s < subsets.Count; s++)
        {
            var subset = subsets[(firstSubset + s) % subsets.Count];
            var addresses = subset.Addresses ?? [];
            if (addresses.Count == 0) continue;
            foreach (var port in subset.Ports ?? [])
            {
                if ((port.Name ?? "") != portName) continue;
                var first = random.Next(addresses.Count);
                for (var a = 0; a < addresses.Count; a++) yield return (addresses[(first + a) % addresses.Count], port.Port);
            }
        }
    }

    // Go's net.IP.IsGlobalUnicast: not unspecified, loopback, multicast, link-local or the IPv4 broadcast address.
    static bool IsGlobalUnicast(string text)
    {
        if (!IPAddress.TryParse(text, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6) return !ip.IsIPv6Multicast && !ip.IsIPv6LinkLocal;
        var b = ip.GetAddressBytes();
        return b[0] < 224 && !(b[0] == 169 && b[1] == 254);
    }
}
