using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>
/// One row of `kubectl get endpoints` (NAME ENDPOINTS AGE), as kube-apiserver's printEndpoints prints it
/// (pkg/printers/internalversion/printers.go formatEndpoints): the first three ready addresses with each port.
/// </summary>
public sealed record EndpointsRow(string Name, string Endpoints, string Age)
{
    const int Shown = 3;

    public static EndpointsRow From(V1Endpoints endpoints, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new(endpoints.Metadata?.Name ?? "", Format(endpoints.Subsets), KubeTime.Since(endpoints.Metadata?.CreationTimestamp, now));
    }

    /// <summary>The cells in <see cref="TableColumns.Endpoints"/> order.</summary>
    public IReadOnlyList<object> Cells() => [Name, Endpoints, Age];

    // Ready addresses only: a subset of not-ready ones prints nothing, no subset at all prints <none>.
    static string Format(IList<V1EndpointSubset>? subsets)
    {
        if (subsets is null || subsets.Count == 0) return "<none>";
        var shown = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = (subset?.Addresses ?? []).Select(a => a?.Ip ?? "").ToList();
            // A headless Service without ports lists bare addresses.
            var ports = subset?.Ports is { Count: > 0 } p ? p.Select(port => (int?)port.Port) : [null];
            foreach (var port in ports)
            {
                count += addresses.Count;
                shown.AddRange(addresses.Take(Shown - shown.Count).Select(ip => port is null ? ip : HostPort(ip, port.Value)));
            }
        }
        var text = string.Join(",", shown);
        return count > Shown ? $"{text} + {count - Shown} more..." : text;
    }

    // net.JoinHostPort: an IPv6 address goes in brackets.
    static string HostPort(string ip, int port) => ip.Contains(':') ? $"[{ip}]:{port}" : $"{ip}:{port}";
}

/// <summary>
/// One row of `kubectl get endpointslices` (NAME ADDRESSTYPE PORTS ENDPOINTS AGE), as printEndpointSlice prints it:
/// the first three ports and addresses, <c>&lt;unset&gt;</c> for none.
/// </summary>
public sealed record EndpointSliceRow(string Name, string AddressType, string Ports, string Endpoints, string Age)
{
    const int Shown = 3;

    public static EndpointSliceRow From(V1EndpointSlice slice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var ports = (slice.Ports ?? []).Select(p => p?.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? p?.Name ?? "*");
        var addresses = (slice.Endpoints ?? []).SelectMany(e => e?.Addresses ?? []);
        return new(slice.Metadata?.Name ?? "", slice.AddressType ?? "", ListWithMore(ports.ToList()), ListWithMore(addresses.ToList()),
            KubeTime.Since(slice.Metadata?.CreationTimestamp, now));
    }

    /// <summary>The cells in <see cref="TableColumns.EndpointSlices"/> order.</summary>
    public IReadOnlyList<object> Cells() => [Name, AddressType, Ports, Endpoints, Age];

    static string ListWithMore(IReadOnlyList<string> items)
    {
        var text = string.Join(",", items.Take(Shown));
        if (items.Count > Shown) return $"{text} + {items.Count - Shown} more...";
        return text.Length == 0 ? "<unset>" : text;
    }
}
