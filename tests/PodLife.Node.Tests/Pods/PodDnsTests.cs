using k8s.Models;
using PodLife.Node.Pods;
using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Pods;

/// <summary>
/// A pod's resolver and hosts file as kubelet makes them (pkg/kubelet/network/dns/dns.go GetPodDNS and its tests;
/// kubelet_pods.go managedHostsFileContent, as the HostAliases docs page shows the file).
/// </summary>
public sealed class PodDnsTests
{
    static V1Pod Pod(Action<V1PodSpec>? change = null)
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" }, Spec = new V1PodSpec { Containers = [] } };
        change?.Invoke(pod.Spec);
        return pod;
    }

    [Fact]
    public void ClusterFirstSearchesTheNamespaceThenTheClusterWithNdots5()
    {
        Assert.Equal("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n", PodDns.For(Pod()).ResolvConf());
    }

    [Fact]
    public void HostNetworkAndDefaultUseTheNodesResolverUnlessClusterFirstWithHostNet()
    {
        var node = PodDns.NodeResolver.ResolvConf();
        Assert.Equal(node, PodDns.For(Pod(s => s.HostNetwork = true)).ResolvConf());
        Assert.Equal(node, PodDns.For(Pod(s => s.DnsPolicy = "Default")).ResolvConf());
        Assert.Contains("nameserver 10.96.0.10\n", PodDns.For(Pod(s => (s.HostNetwork, s.DnsPolicy) = (true, "ClusterFirstWithHostNet"))).ResolvConf(), StringComparison.Ordinal);
    }

    [Fact]
    public void DnsConfigIsMergedInAndNoneTakesOnlyIt()
    {
        var config = new V1PodDNSConfig
        {
            Nameservers = ["1.2.3.4"],
            Searches = ["ns1.svc.cluster-domain.example", "svc.cluster.local"],
            Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }, new V1PodDNSConfigOption { Name = "edns0" }],
        };

        Assert.Equal("search shop.svc.cluster.local svc.cluster.local cluster.local ns1.svc.cluster-domain.example\nnameserver 10.96.0.10\nnameserver 1.2.3.4\noptions ndots:2 edns0\n",
            PodDns.For(Pod(s => s.DnsConfig = config)).ResolvConf());
        Assert.Equal("search ns1.svc.cluster-domain.example svc.cluster.local\nnameserver 1.2.3.4\noptions ndots:2 edns0\n",
            PodDns.For(Pod(s => (s.DnsPolicy, s.DnsConfig) = ("None", config))).ResolvConf());
    }

    [Fact]
    public void TheHostsFileNamesThePodAndItsAliases()
    {
        Assert.Equal("""
            # Kubernetes-managed hosts file.
            127.0.0.1	localhost
            ::1	localhost ip6-localhost ip6-loopback
            fe00::0	ip6-localnet
            fe00::0	ip6-mcastprefix
            fe00::1	ip6-allnodes
            fe00::2	ip6-allrouters
            10.200.0.5	hostaliases-pod

            # Entries added by HostAliases.
            127.0.0.1	foo.local	bar.local
            10.1.2.3	foo.remote	bar.remote

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            ManagedHosts.For("10.200.0.5", "hostaliases-pod", null, [new("127.0.0.1", ["foo.local", "bar.local"]), new("10.1.2.3", ["foo.remote", "bar.remote"])]));
        var withDomain = ManagedHosts.For("10.244.1.7", "peer-a", "peers.shop.svc.cluster.local", []);
        Assert.EndsWith("fe00::2\tip6-allrouters\n10.244.1.7\tpeer-a.peers.shop.svc.cluster.local\tpeer-a\n", withDomain, StringComparison.Ordinal);
        Assert.Equal(("127.0.0.1", "10.244.1.7", "10.244.1.7", null), (ManagedHosts.Lookup(withDomain, "localhost"), ManagedHosts.Lookup(withDomain, "peer-a"),
            ManagedHosts.Lookup(withDomain, "PEER-A.peers.shop.svc.cluster.local"), ManagedHosts.Lookup(withDomain, "ip6-localnet")));
    }
}
