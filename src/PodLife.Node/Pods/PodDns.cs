using System.Collections.Concurrent;
using k8s.Models;
using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

/// <summary>
/// A pod's resolver as kubelet configures it (pkg/kubelet/network/dns/dns.go GetPodDNS): by the pod's dnsPolicy, with
/// its dnsConfig merged in.
/// </summary>
public static class PodDns
{
    /// <summary>The cluster DNS service's address (kubelet's clusterDNS, kubeadm's default 10.96.0.10).</summary>
    public const string ClusterDnsIp = "10.96.0.10";

    /// <summary>kubelet's clusterDomain.</summary>
    public const string ClusterDomain = "cluster.local";

    /// <summary>What a node's own /etc/resolv.conf gives pods of dnsPolicy Default (and host-network pods).</summary>
    public static readonly PodDnsConfig NodeResolver = new(["172.18.0.1"], [], []);

    // One per namespace, shared by its pods: at 100,000 pods a copy each would be megabytes.
    static readonly ConcurrentDictionary<string, PodDnsConfig> ClusterFirst = new(StringComparer.Ordinal);

    /// <summary>The resolver of <paramref name="pod"/> (GetPodDNS): by dnsPolicy, then the pod's dnsConfig merged in.</summary>
    public static PodDnsConfig For(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Metadata?.NamespaceProperty ?? "default";
        var hostNetwork = pod.Spec?.HostNetwork == true;
        var policy = pod.Spec?.DnsPolicy ?? "ClusterFirst";
        var cluster = ClusterFirst.GetOrAdd(ns, n => new PodDnsConfig([ClusterDnsIp], [$"{n}.svc.{ClusterDomain}", $"svc.{ClusterDomain}", ClusterDomain], ["ndots:5"]));
        var config = policy switch
        {
            "None" => new PodDnsConfig([], [], []),
            "Default" => NodeResolver,
            "ClusterFirstWithHostNet" => cluster,
            // ClusterFirst: a host-network pod uses the node's resolver.
            _ => hostNetwork ? NodeResolver : cluster,
        };
        return pod.Spec?.DnsConfig is { } extra ? Merge(config, extra) : config;
    }

    // appendDNSConfig: the pod's servers and searches after the policy's (without repeats), its options by name over them.
    static PodDnsConfig Merge(PodDnsConfig config, V1PodDNSConfig extra)
    {
        var servers = config.Servers.Concat(extra.Nameservers ?? []).Distinct(StringComparer.Ordinal).ToList();
        var searches = config.Searches.Concat(extra.Searches ?? []).Distinct(StringComparer.Ordinal).ToList();
        var options = new List<(string Name, string? Value)>();
        foreach (var option in config.Options)
        {
            var at = option.IndexOf(':', StringComparison.Ordinal);
            options.Add(at < 0 ? (option, null) : (option[..at], option[(at + 1)..]));
        }
        foreach (var option in extra.Options ?? [])
        {
            var at = options.FindIndex(o => o.Name == option.Name);
            if (at >= 0) options[at] = (option.Name, option.Value);
            else options.Add((option.Name, option.Value));
        }
        return new PodDnsConfig(servers, searches, [.. options.Select(o => o.Value is null ? o.Name : $"{o.Name}:{o.Value}")]);
    }
}
