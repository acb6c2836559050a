using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// Scheduling by hand (spec.nodeName, which skips the scheduler) onto `podlife up`'s node: a pod the node has no room
/// for is rejected by the node, as kubelet rejects it, and kubectl shows why.
/// </summary>
public sealed class NodeAdmissionTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    [Fact]
    public async Task APodPlacedByHandOnANodeWithoutRoomFailsWithOutOfcpu()
    {
        Ok(await Cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: by-hand}
            spec:
              nodeName: podlife-node-1
              containers:
              - name: app
                image: nginx
                resources: {requests: {cpu: "64"}}
            """, "apply", "-f", "-"));

        Ok(await Cluster.KubectlAsync("wait", "--for=jsonpath={.status.phase}=Failed", "pod/by-hand", "--timeout=60s"));

        Assert.Matches(new Regex(@"^by-hand\s+0/1\s+OutOfcpu\s+0\s"), Ok(await Cluster.KubectlAsync("get", "pod", "by-hand", "--no-headers")).StdOut);
        var describe = Ok(await Cluster.KubectlAsync("describe", "pod", "by-hand")).StdOut;
        Assert.Matches(new Regex(@"Status:\s+Failed\nReason:\s+OutOfcpu\nMessage:\s+Pod was rejected: Node didn't have enough resource: cpu, requested: 64000, used: \d+, capacity: \d+\n"), describe);
        Assert.Matches(new Regex(@"Warning\s+OutOfcpu\s+\S+\s+kubelet\s+Node didn't have enough resource: cpu, requested: 64000, used: \d+, capacity: \d+\n"), describe);
        Assert.DoesNotContain("Pulling", describe, StringComparison.Ordinal);
    }
}
