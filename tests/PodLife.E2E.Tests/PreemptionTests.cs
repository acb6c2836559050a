using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>Preemption as a user sees it with kubectl: a system-cluster-critical pod evicts a best-effort neighbour.</summary>
public class PreemptionTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Pod(string name, string cpu, string priorityClass = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          {{(priorityClass == "" ? "" : "priorityClassName: " + priorityClass)}}
          terminationGracePeriodSeconds: 1
          containers:
          - name: app
            image: busybox:1.36
            command: ["sleep", "3600"]
            resources:
              requests: {cpu: "{{cpu}}"}

        """;

    [Fact]
    public async Task AHigherPriorityPodPreemptsALowerPriorityOneAndRunsInItsPlace()
    {
        // One simulated node with 4 cpu; the low-priority pod takes 3 of them.
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--speed", "10"], Ct);
        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1")); // the node registers just after start-up
        Assert.Equal(0, (await cluster.KubectlWithInputAsync(Pod("low", "3"), "apply", "-f", "-")).ExitCode);
        var running = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/low", "--timeout=60s");
        Assert.True(running.ExitCode == 0, running.StdErr);
        var lowUid = (await cluster.KubectlAsync("get", "pod", "low", "-o", "jsonpath={.metadata.uid}")).StdOut;

        Assert.Equal(0, (await cluster.KubectlWithInputAsync(Pod("critical", "2", "system-cluster-critical"), "apply", "-f", "-")).ExitCode);
        var criticalUid = (await cluster.KubectlAsync("get", "pod", "critical", "-o", "jsonpath={.metadata.uid}")).StdOut;

        var ready = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/critical", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.StdErr);
        var gone = await cluster.KubectlAsync("get", "pod", "low", "--ignore-not-found", "-o", "name");
        Assert.Equal("", gone.StdOut);
        var critical = await cluster.KubectlAsync("get", "pod", "critical", "-o", "jsonpath={.spec.priority} {.status.nominatedNodeName} {.spec.nodeName}");
        Assert.Equal("2000000000 podlife-node-1 podlife-node-1", critical.StdOut);

        var events = (await cluster.KubectlAsync("get", "events", "--field-selector", "reason=Preempted", "-o", "jsonpath={.items[*].message} {.items[*].involvedObject.uid}")).StdOut;
        Assert.Equal($"Preempted by pod {criticalUid} on node podlife-node-1 {lowUid}", events);
        var failed = (await cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=critical,reason=FailedScheduling", "-o", "jsonpath={.items[0].message}")).StdOut;
        Assert.Matches(new Regex(@"^0/1 nodes are available: 1 Insufficient cpu\.$"), failed);
    }
}
