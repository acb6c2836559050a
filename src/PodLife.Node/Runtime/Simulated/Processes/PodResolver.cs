using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// Name resolution inside a simulated container, as its C library does it: an address as written, then /etc/hosts,
/// then the nameserver of /etc/resolv.conf with its search list and ndots (a name with fewer dots than ndots tries the
/// search domains first). Only the cluster's DNS answers: the simulation has no other nameserver, so names outside the
/// cluster do not resolve.
/// </summary>
internal static class PodResolver
{
    /// <summary>The IPv4 address of <paramref name="host"/> for a program of <paramref name="container"/>, or null.</summary>
    public static string? Resolve(SimulatedContainer container, string host) => Lookup(container, host, search: true)?.Ip;

    /// <summary>
    /// The address of <paramref name="host"/> and the name that had it (a search domain's, from DNS), or null;
    /// <paramref name="search"/> false asks DNS for the name as given only (busybox 1.29-1.33's nslookup).
    /// </summary>
    public static (string Ip, string Name)? Lookup(SimulatedContainer container, string host, bool search)
    {
        if (IPAddress.TryParse(host, out var literal)) return literal.AddressFamily == AddressFamily.InterNetwork ? (literal.ToString(), host) : null;
        if (container.FileSystem.Read("/etc/hosts") is { } hosts && Runtime.ManagedHosts.Lookup(hosts, host) is { } listed) return (listed, host);
        var resolver = Configuration(container);
        if (!resolver.Servers.Contains(Pods.PodDns.ClusterDnsIp)) return null;
        foreach (var candidate in search ? Candidates(host, resolver.Searches, resolver.Ndots) : [host.TrimEnd('.')])
        {
            if (container.Network.Resolve(candidate) is { } ip) return (ip, candidate);
        }
        return null;
    }

    /// <summary>Where a connection to <paramref name="ip"/> goes: a loopback address is the pod's own (its network namespace).</summary>
    public static string Destination(SimulatedContainer container, string ip) =>
        ip.StartsWith("127.", StringComparison.Ordinal) ? container.Sandbox.Ip : ip;

    /// <summary>The container's /etc/resolv.conf: its nameservers, search list and ndots.</summary>
    public static (List<string> Servers, List<string> Searches, int Ndots) Configuration(SimulatedContainer container) =>
        ReadResolvConf(container.FileSystem.Read("/etc/resolv.conf") ?? "");

    /// <summary>The names the resolver asks for, in order (glibc's and musl's res_search).</summary>
    public static IEnumerable<string> Candidates(string host, IReadOnlyList<string> searches, int ndots)
    {
        if (host.EndsWith('.')) return [host.TrimEnd('.')];
        var searched = searches.Select(domain => $"{host}.{domain}");
        return host.Count(c => c == '.') >= ndots ? [host, .. searched] : [.. searched, host];
    }

    static (List<string> Servers, List<string> Searches, int Ndots) ReadResolvConf(string text)
    {
        var (servers, searches, ndots) = (new List<string>(), new List<string>(), 1);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            switch (fields[0])
            {
                case "nameserver":
                    servers.Add(fields[1]);
                    break;
                case "search" or "domain":
                    searches = [.. fields.Skip(1)];
                    break;
                case "options":
                    foreach (var option in fields.Skip(1).Where(o => o.StartsWith("ndots:", StringComparison.Ordinal)))
                    {
                        if (int.TryParse(option["ndots:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) ndots = Math.Min(n, 15);
                    }
                    break;
            }
        }
        return (servers, searches, ndots);
    }
}
