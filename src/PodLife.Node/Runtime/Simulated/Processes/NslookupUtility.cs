using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// busybox's nslookup against the simulated cluster DNS, in the two forms Kubernetes users meet: busybox 1.28 and
/// older (the libc resolver, the search list applied: what the Kubernetes docs pin for DNS checks and the init
/// containers example, <c>until nslookup myservice...</c>) and the rewrite of 1.29 on (its own resolver; the search
/// list only from 1.34, so 1.29-1.33 cannot find <c>kubernetes.default</c>, a well-known surprise). Exit status 0 when
/// the name resolved, 1 when not. Other images' nslookup is bind's (dnsutils), whose server line ends in #53.
/// </summary>
internal static class NslookupUtility
{
    public static Task<int> RunAsync(UtilityCall call)
    {
        var name = call.Args.FirstOrDefault(a => !a.StartsWith('-'));
        if (name is null)
        {
            call.Error("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]");
            return Task.FromResult(1);
        }
        var container = call.Process.Container;
        var server = PodResolver.Configuration(container).Servers.FirstOrDefault() ?? "127.0.0.1";
        if (!container.Userland.IsBusybox) return Task.FromResult(NewStyle(call, container, name, $"{server}#53", search: true));
        var version = BusyboxVersion(container.Image.Name.Tag);
        return Task.FromResult(version is { } v && v <= 28 ? OldStyle(call, container, name, server)
            : NewStyle(call, container, name, $"{server}:53", search: version is null or >= 34));
    }

    // busybox 1.28 and before: the C library's resolver, and each address with its reverse name.
    static int OldStyle(UtilityCall call, SimulatedContainer container, string name, string server)
    {
        call.Out($"Server:    {server}\nAddress 1: {WithName(container, server)}\n\n");
        if (PodResolver.Lookup(container, name, search: true) is not var (ip, _))
        {
            call.Error($"nslookup: can't resolve '{name}'");
            return 1;
        }
        call.Out($"Name:      {name}\nAddress 1: {WithName(container, ip)}\n");
        return 0;
    }

    // busybox 1.29 on (its own DNS client) and bind's nslookup (Debian's dnsutils, netshoot): the name that answered.
    static int NewStyle(UtilityCall call, SimulatedContainer container, string name, string address, bool search)
    {
        call.Out($"Server:\t\t{address[..address.LastIndexOfAny([':', '#'])]}\nAddress:\t{address}\n\n");
        if (PodResolver.Lookup(container, name, search) is not var (ip, answered))
        {
            call.Out($"** server can't find {name}: NXDOMAIN\n\n");
            return 1;
        }
        call.Out($"Name:\t{answered}\nAddress: {ip}\n\n");
        return 0;
    }

    static string WithName(SimulatedContainer container, string ip) =>
        container.Network.ReverseLookup(ip) is { } reverse ? $"{ip} {reverse}" : ip;

    // The minor version of a busybox 1.x tag (1.28, 1.36.1-musl); null for latest, stable and the like.
    static int? BusyboxVersion(string? tag)
    {
        if (tag is null || !tag.StartsWith("1.", StringComparison.Ordinal)) return null;
        var digits = new string(tag[2..].TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : null;
    }
}
