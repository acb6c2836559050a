using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Runtime;

/// <summary>
/// busybox's nslookup in a pod with the cluster's resolver, by busybox version: 1.28's libc form (the Kubernetes docs'
/// init containers example), 1.29-1.33's rewrite that ignores the search list, and the current one that applies it.
/// The cluster's DNS is a stand-in here (one service); the real one is tested end to end.
/// </summary>
public sealed class NslookupTests
{
    sealed class OneServiceDns : IClusterNetwork
    {
        public string? Resolve(string fqdn) => fqdn == "kubernetes.default.svc.cluster.local" ? "10.96.0.1" : null;

        public string? ReverseLookup(string ip) => ip == "10.96.0.1" ? "kubernetes.default.svc.cluster.local" : null;

        public Task<bool> AnswersPingAsync(string ip, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<PodAnswer> RequestAsync(string ip, int port, string method, string path, CancellationToken cancellationToken = default) =>
            Task.FromResult(PodAnswer.Unreachable);
    }

    static readonly PodDnsConfig ClusterFirst = new(["10.96.0.10"], ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"], ["ndots:5"]);

    static async Task<ExecResult> NslookupAsync(string image, string name)
    {
        using var node = new RuntimeHarness();
        node.Runtime.Cluster = new OneServiceDns();
        var pod = RuntimeHarness.Pod("asker") with { Dns = ClusterFirst, ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount" };
        var id = await node.RunAsync(image, ["sleep", "3600"], pod: pod);
        return await node.Runtime.ExecSyncAsync(id, ["nslookup", name], TimeSpan.FromSeconds(5), RuntimeHarness.Token);
    }

    [Fact]
    public async Task Busybox128ResolvesThroughTheSearchListAndNamesEachAddress()
    {
        var found = await NslookupAsync("busybox:1.28", "kubernetes.default");
        var missing = await NslookupAsync("busybox:1.28", "myservice.default.svc.cluster.local");

        Assert.Equal((0, "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n", ""),
            (found.ExitCode, found.Stdout, found.Stderr));
        Assert.Equal((1, "Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\n", "nslookup: can't resolve 'myservice.default.svc.cluster.local'\n"),
            (missing.ExitCode, missing.Stdout, missing.Stderr));
    }

    [Theory]
    [InlineData("busybox:1.31", 1, "** server can't find kubernetes.default: NXDOMAIN\n\n")]
    [InlineData("busybox:1.36", 0, "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n")]
    [InlineData("busybox", 0, "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n")]
    public async Task LaterBusyboxesPrintTheirOwnFormAndOnlyFrom134UseTheSearchList(string image, int exitCode, string answer)
    {
        var result = await NslookupAsync(image, "kubernetes.default");

        Assert.Equal((exitCode, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n" + answer), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task DnsutilsNslookupIsBindsWithItsPortAfterAHash()
    {
        var result = await NslookupAsync("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3", "kubernetes.default");

        Assert.Equal((0, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n"),
            (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task TheServiceAccountDirectoryHoldsThePodsNamespace()
    {
        using var node = new RuntimeHarness();
        var pod = RuntimeHarness.Pod("asker") with { ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount" };
        var id = await node.RunAsync("busybox:1.28", ["sleep", "3600"], pod: pod);

        var read = await node.Runtime.ExecSyncAsync(id, ["sh", "-c", "echo $(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace); ls /var/run/secrets/kubernetes.io/serviceaccount"],
            TimeSpan.FromSeconds(5), RuntimeHarness.Token);

        Assert.Equal("default\nnamespace\n", read.Stdout);
    }
}
