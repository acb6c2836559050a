using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>Preemption as a user sees it with kubectl: a pod of a higher PriorityClass evicts a lower-priority neighbour.</summary>
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

    [Fact]
    public async Task AUserPriorityClassGivesItsPodsPriorityAndAnUnknownClassIsForbidden()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--speed", "10"], Ct);
        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
        Assert.Equal("priorityclass.scheduling.k8s.io/high created\n",
            Ok(await cluster.KubectlAsync("create", "priorityclass", "high", "--value=1000", "--description=for the test")).StdOut);
        Assert.Matches(new Regex(@"^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\n" +
            @"high\s+1000\s+false\s+\d+s\s+PreemptLowerPriority\n" +
            @"system-cluster-critical\s+2000000000\s+false\s+\d+s\s+PreemptLowerPriority\n" +
            @"system-node-critical\s+2000001000\s+false\s+\d+s\s+PreemptLowerPriority\n$"), Ok(await cluster.KubectlAsync("get", "pc")).StdOut);
        Assert.Matches(new Regex(@"Name:\s+high\n(.*\n)*Value:\s+1000\nGlobalDefault:\s+false\n(.*\n)*Description:\s+for the test\n"),
            Ok(await cluster.KubectlAsync("describe", "priorityclass", "high")).StdOut);

        Ok(await cluster.KubectlWithInputAsync(Pod("low", "3"), "apply", "-f", "-"));
        Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/low", "--timeout=60s"));
        Ok(await cluster.KubectlWithInputAsync(Pod("urgent", "2", "high"), "apply", "-f", "-"));
        Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/urgent", "--timeout=60s"));
        Assert.Equal("1000 PreemptLowerPriority podlife-node-1",
            Ok(await cluster.KubectlAsync("get", "pod", "urgent", "-o", "jsonpath={.spec.priority} {.spec.preemptionPolicy} {.spec.nodeName}")).StdOut);
        Assert.Equal("", Ok(await cluster.KubectlAsync("get", "pod", "low", "--ignore-not-found", "-o", "name")).StdOut);

        var unknown = await cluster.KubectlWithInputAsync(Pod("stray", "1", "foo"), "apply", "-f", "-");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("Error from server (Forbidden): error when creating \"STDIN\": pods \"stray\" is forbidden: no PriorityClass with name foo was found\n",
            unknown.StdErr);
    }
}
