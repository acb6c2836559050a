using System.Text;

namespace PodLife.Node.Runtime;

/// <summary>One hostAliases entry of a pod: an address and the names /etc/hosts gives it.</summary>
public sealed record HostAlias(string Ip, IReadOnlyList<string> Hostnames);

/// <summary>kubelet's managed /etc/hosts (kubelet_pods.go managedHostsFileContent), which it mounts into every container.</summary>
public static class ManagedHosts
{
    /// <param name="podIp">The pod's address.</param>
    /// <param name="hostname">The pod's hostname.</param>
    /// <param name="domain">The pod's domain when it has a subdomain (<c>sub.ns.svc.cluster.local</c>), else null.</param>
    /// <param name="aliases">The pod's hostAliases.</param>
    public static string For(string podIp, string hostname, string? domain, IReadOnlyList<HostAlias> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var text = new StringBuilder("# Kubernetes-managed hosts file.\n")
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        text.Append(podIp).Append('\t');
        if (domain is { Length: > 0 }) text.Append(hostname).Append('.').Append(domain).Append('\t');
        text.Append(hostname).Append('\n');
        if (aliases.Count > 0)
        {
            text.Append("\n# Entries added by HostAliases.\n");
            foreach (var alias in aliases) text.Append(alias.Ip).Append('\t').AppendJoin('\t', alias.Hostnames).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The IPv4 address /etc/hosts gives <paramref name="name"/> (case-insensitive), if any: the first line naming it, as glibc and musl read the file.</summary>
    public static string? Lookup(string hostsFile, string name) => Entry(hostsFile, name)?[0];

    /// <summary>The fields of that line (the address, then its names: the canonical one first), if any.</summary>
    public static string[]? Entry(string hostsFile, string name)
    {
        ArgumentNullException.ThrowIfNull(hostsFile);
        foreach (var line in hostsFile.Split('\n'))
        {
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#') || fields[0].Contains(':', StringComparison.Ordinal)) continue;
            if (fields.Skip(1).Contains(name, StringComparer.OrdinalIgnoreCase)) return fields;
        }
        return null;
    }
}
